{% macro kpi_conformance(agg='sum') -%}
    {{ safe_ratio(agg ~ '(actual_on_queue_seconds)', agg ~ '(scheduled_on_queue_seconds)') }}
{%- endmacro %}
