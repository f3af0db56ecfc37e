{% macro kpi_avg_first_resolution_seconds(agg='sum') -%}
    {{ safe_ratio(agg ~ '(first_resolution_seconds)', agg ~ '(tickets_first_resolved)') }}
{%- endmacro %}
