{% macro kpi_avg_abandon_time(agg='sum') -%}
    {#- over the abandons whose wait is known (all of them, on a platform that records it) -#}
    {{ safe_ratio(agg ~ '(wait_seconds_abandoned)', agg ~ '(abandoned_timed)') }}
{%- endmacro %}
