{% macro kpi_avg_abandon_time(agg='sum') -%}
    {{ safe_ratio(agg ~ '(wait_seconds_abandoned)', agg ~ '(abandoned)') }}
{%- endmacro %}
