{% macro kpi_abandonment_rate(agg='sum', variant=none) -%}
    {%- set variant = variant or var('abandonment_rate_variant', 'excl_short') -%}
    {%- if variant == 'excl_short' -%}
        (case when {{ abandons_all_timed(agg) }} then {{ safe_ratio(
            '(' ~ agg ~ '(abandoned) - ' ~ agg ~ '(abandoned_short))',
            '(' ~ agg ~ '(offered) - ' ~ agg ~ '(abandoned_short))'
        ) }} end)
    {%- elif variant == 'all' -%}
        {{ safe_ratio(agg ~ '(abandoned)', agg ~ '(offered)') }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown abandonment_rate_variant: " ~ variant) }}
    {%- endif -%}
{%- endmacro %}
