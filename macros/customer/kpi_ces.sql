{% macro kpi_ces(agg='sum', variant=none) -%}
    {#- mean (default): mean effort score on the 1-7 scale; low_effort_share: share scoring 5 or more. -#}
    {%- set variant = variant or var('ces_variant', 'mean') -%}
    {%- if variant == 'mean' -%}
        {{ safe_ratio(agg ~ '(ces_score_sum)', agg ~ '(ces_responses)') }}
    {%- elif variant == 'low_effort_share' -%}
        {{ safe_ratio(agg ~ '(ces_low_effort)', agg ~ '(ces_responses)') }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown ces_variant: " ~ variant) }}
    {%- endif -%}
{%- endmacro %}
