{% macro kpi_avg_hold(agg='sum') -%}
    {{ safe_ratio(agg ~ '(hold_seconds)', agg ~ '(held)') }}
{%- endmacro %}
