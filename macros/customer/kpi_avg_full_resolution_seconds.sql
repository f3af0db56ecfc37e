{% macro kpi_avg_full_resolution_seconds(agg='sum') -%}
    {{ safe_ratio(agg ~ '(full_resolution_seconds)', agg ~ '(tickets_fully_resolved)') }}
{%- endmacro %}
