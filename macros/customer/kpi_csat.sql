{% macro kpi_csat(agg='sum', variant=none) -%}
    {#- top_box (default): csat_top_box / csat_responses; mean: mean score normalised to 0-1. -#}
    {%- set variant = variant or var('csat_variant', 'top_box') -%}
    {%- if variant == 'top_box' -%}
        {{ safe_ratio(agg ~ '(csat_top_box)', agg ~ '(csat_responses)') }}
    {%- elif variant == 'mean' -%}
        {{ safe_ratio(agg ~ '(csat_score_sum)', agg ~ '(csat_responses)') }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown csat_variant: " ~ variant) }}
    {%- endif -%}
{%- endmacro %}
