{#- Queue access and handling KPIs over summed fct_agent_queue_daily / fct_queue_intervals
    components: use them in a select with a group by (KPI catalog rule 1, docs/kpi_catalog.md: ratios of sums). -#}

{% macro abandons_all_timed() -%}
    {#- True when every abandon has a known wait. Sources that do not record how long an abandoning
        caller waited (e.g. the PwC sheet) cannot tell short abandons from others, so the KPIs that
        need that distinction are NULL for them rather than silently assuming none were short. -#}
    (sum(abandoned_timed) >= sum(abandoned))
{%- endmacro %}

{% macro kpi_answer_rate() -%}
    {{ safe_ratio('sum(answered)', 'sum(offered)') }}
{%- endmacro %}

{% macro kpi_abandonment_rate() -%}
    {#- var abandonment_rate_variant: excl_short (default) or all. -#}
    {%- set variant = var('abandonment_rate_variant', 'excl_short') -%}
    {%- if variant == 'excl_short' -%}
        (case when {{ abandons_all_timed() }} then {{ safe_ratio(
            '(sum(abandoned) - sum(abandoned_short))', '(sum(offered) - sum(abandoned_short))'
        ) }} end)
    {%- elif variant == 'all' -%}
        {{ safe_ratio('sum(abandoned)', 'sum(offered)') }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown abandonment_rate_variant: " ~ variant) }}
    {%- endif -%}
{%- endmacro %}

{% macro kpi_service_level() -%}
    {#- Each queue's own T (answered_within_t). var service_level_variant picks the denominator;
        variants that use short abandons or abandons within T are NULL when some abandons have no
        known wait (abandons_all_timed). -#}
    {%- set variant = var('service_level_variant', 'excl_short_abandons') -%}
    {%- if variant == 'excl_short_abandons' -%}
        (case when {{ abandons_all_timed() }} then {{ safe_ratio(
            'sum(answered_within_t)', '(sum(offered) - sum(abandoned_short))'
        ) }} end)
    {%- elif variant == 'incl_abandons_within_t' -%}
        (case when {{ abandons_all_timed() }} then {{ safe_ratio(
            '(sum(answered_within_t) + sum(abandoned_within_t))', 'sum(offered)'
        ) }} end)
    {%- elif variant == 'of_answered' -%}
        {{ safe_ratio('sum(answered_within_t)', 'sum(answered)') }}
    {%- elif variant == 'of_offered' -%}
        {{ safe_ratio('sum(answered_within_t)', 'sum(offered)') }}
    {%- elif variant == 'excl_abandons_within_t' -%}
        (case when {{ abandons_all_timed() }} then {{ safe_ratio(
            'sum(answered_within_t)', '(sum(offered) - sum(abandoned_within_t))'
        ) }} end)
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown service_level_variant: " ~ variant) }}
    {%- endif -%}
{%- endmacro %}

{% macro kpi_asa() -%}
    {{ safe_ratio('sum(wait_seconds_answered)', 'sum(answered)') }}
{%- endmacro %}

{% macro kpi_avg_abandon_time() -%}
    {#- over the abandons whose wait is known (all of them, on a platform that records it) -#}
    {{ safe_ratio('sum(wait_seconds_abandoned)', 'sum(abandoned_timed)') }}
{%- endmacro %}

{% macro kpi_aht() -%}
    {#- NULL when some handled contacts have no known ACW (the platform does not report wrap-up);
        unknown hold needs no guard, because talk then already includes the hold time. -#}
    (case when sum(handled_acw_known) >= sum(handled) then {{ safe_ratio(
        '(sum(talk_seconds) + coalesce(sum(hold_seconds), 0) + coalesce(sum(acw_seconds), 0))', 'sum(handled)'
    ) }} end)
{%- endmacro %}

{% macro kpi_avg_acw() -%}
    {{ safe_ratio('sum(acw_seconds)', 'sum(handled_acw_known)') }}
{%- endmacro %}

{% macro kpi_hold_rate() -%}
    {{ safe_ratio('sum(held)', 'sum(handled_hold_known)') }}
{%- endmacro %}

{% macro kpi_avg_hold() -%}
    {{ safe_ratio('sum(hold_seconds)', 'sum(held)') }}
{%- endmacro %}

{% macro kpi_transfer_rate() -%}
    {{ safe_ratio('sum(transferred_out)', 'sum(handled)') }}
{%- endmacro %}
