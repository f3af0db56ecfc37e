{% macro kpi_hold_rate(agg='sum') -%}
    {{ safe_ratio(agg ~ '(held)', agg ~ '(handled_hold_known)') }}
{%- endmacro %}
