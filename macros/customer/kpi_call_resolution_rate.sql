{% macro kpi_call_resolution_rate(agg='sum') -%}
    {{ safe_ratio(agg ~ '(resolved)', agg ~ '(handled)') }}
{%- endmacro %}
