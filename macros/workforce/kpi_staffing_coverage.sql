{% macro kpi_staffing_coverage(agg='sum') -%}
    {{ safe_ratio(agg ~ '(scheduled_on_queue_seconds)', agg ~ '(required_seconds)') }}
{%- endmacro %}
