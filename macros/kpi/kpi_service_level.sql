{% macro kpi_service_level(agg='sum', variant=none, threshold=none) -%}
    {#- threshold none: each queue's own T (answered_within_t); a number: one of the
        sl_reported_thresholds (answered_within_<n>s). Variants that use short abandons or abandons
        within T are NULL when some abandons have no known wait (abandons_all_timed). -#}
    {%- set variant = variant or var('service_level_variant', 'excl_short_abandons') -%}
    {%- set suffix = 't' if threshold is none else (threshold ~ 's') -%}
    {%- set ans_t = agg ~ '(answered_within_' ~ suffix ~ ')' -%}
    {%- set abn_t = agg ~ '(abandoned_within_' ~ suffix ~ ')' -%}
    {%- set offered = agg ~ '(offered)' -%}
    {%- set timed = abandons_all_timed(agg) -%}
    {%- if variant == 'excl_short_abandons' -%}
        (case when {{ timed }} then {{ safe_ratio(ans_t, '(' ~ offered ~ ' - ' ~ agg ~ '(abandoned_short))') }} end)
    {%- elif variant == 'incl_abandons_within_t' -%}
        (case when {{ timed }} then {{ safe_ratio('(' ~ ans_t ~ ' + ' ~ abn_t ~ ')', offered) }} end)
    {%- elif variant == 'of_answered' -%}
        {{ safe_ratio(ans_t, agg ~ '(answered)') }}
    {%- elif variant == 'of_offered' -%}
        {{ safe_ratio(ans_t, offered) }}
    {%- elif variant == 'excl_abandons_within_t' -%}
        (case when {{ timed }} then {{ safe_ratio(ans_t, '(' ~ offered ~ ' - ' ~ abn_t ~ ')') }} end)
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown service_level_variant: " ~ variant) }}
    {%- endif -%}
{%- endmacro %}
