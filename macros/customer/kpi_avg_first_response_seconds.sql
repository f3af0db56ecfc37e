{% macro kpi_avg_first_response_seconds(agg='sum') -%}
    {{ safe_ratio(agg ~ '(first_response_seconds)', agg ~ '(tickets_replied)') }}
{%- endmacro %}
