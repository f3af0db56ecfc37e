{% macro kpi_shrinkage(agg='sum', variant='total') -%}
    {#- total (default): scheduled seconds the agent was not in an on-queue state / scheduled seconds.
        planned: scheduled seconds of activities other than on_queue / scheduled seconds. -#}
    {%- if variant == 'total' -%}
        {{ safe_ratio(agg ~ '(scheduled_unavailable_seconds)', agg ~ '(scheduled_seconds)') }}
    {%- elif variant == 'planned' -%}
        {{ safe_ratio(
            '(' ~ agg ~ '(scheduled_seconds) - ' ~ agg ~ '(scheduled_on_queue_seconds))',
            agg ~ '(scheduled_seconds)'
        ) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown shrinkage variant: " ~ variant) }}
    {%- endif -%}
{%- endmacro %}
