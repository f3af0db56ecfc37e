{% macro kpi_utilization(agg='sum') -%}
    {{ safe_ratio(agg ~ '(handling_seconds)', agg ~ '(paid_seconds)') }}
{%- endmacro %}
