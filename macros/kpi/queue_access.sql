{#- Queue access and handling KPIs over summed fct_agent_queue_daily / fct_queue_intervals
    components: use them in a select with a group by (KPI catalog rule 1, docs/kpi_catalog.md: ratios of sums). -#}

{% macro abandons_all_timed() -%}
    {#- True when every abandon has a known wait. Sources that do not record how long an abandoning
        caller waited (e.g. the PwC sheet) cannot tell short abandons from others, so the KPIs that
        need that distinction are NULL for them rather than silently assuming none were short. -#}
    (sum(abandoned_timed) >= sum(abandoned))
{%- endmacro %}

{% macro kpi_answer_rate_parts() -%}
    {{ return({'numerator': 'sum(answered)', 'denominator': 'sum(offered)'}) }}
{%- endmacro %}

{% macro kpi_answer_rate() -%}
    {{ kpi_ratio(kpi_answer_rate_parts()) }}
{%- endmacro %}

{% macro kpi_abandonment_rate_parts() -%}
    {#- var abandonment_rate_variant: excl_short (default) or all. -#}
    {%- set variant = var('abandonment_rate_variant', 'excl_short') -%}
    {%- if variant == 'excl_short' -%}
        {{ return({'numerator': '(sum(abandoned) - sum(abandoned_short))',
                   'denominator': '(sum(offered) - sum(abandoned_short))', 'guard': abandons_all_timed()}) }}
    {%- elif variant == 'all' -%}
        {{ return({'numerator': 'sum(abandoned)', 'denominator': 'sum(offered)'}) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown abandonment_rate_variant: " ~ variant) }}
    {%- endif -%}
{%- endmacro %}

{% macro kpi_abandonment_rate() -%}
    {{ kpi_ratio(kpi_abandonment_rate_parts()) }}
{%- endmacro %}

{% macro service_level_parts(threshold=none, variant=none) -%}
    {#- The summed numerator and denominator of a service-level variant, and whether it needs every
        abandon's wait (abandons_all_timed): {'numerator', 'denominator', 'needs_timed_abandons'}.
        Each queue's own T (answered_within_t), or one fixed threshold across queues (`threshold`, one
        of var sl_reported_thresholds: answered_within_<t>s / abandoned_within_<t>s). -#}
    {%- set variant = variant or var('service_level_variant', 'excl_short_abandons') -%}
    {%- if threshold is none -%}
        {%- set answered_in = 'sum(answered_within_t)' -%}
        {%- set abandoned_in = 'sum(abandoned_within_t)' -%}
    {%- elif threshold in var('sl_reported_thresholds') -%}
        {%- set answered_in = 'sum(answered_within_' ~ threshold ~ 's)' -%}
        {%- set abandoned_in = 'sum(abandoned_within_' ~ threshold ~ 's)' -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error("service level threshold " ~ threshold ~ " is not in var sl_reported_thresholds") }}
    {%- endif -%}
    {%- if variant == 'excl_short_abandons' -%}
        {{ return({'numerator': answered_in, 'denominator': '(sum(offered) - sum(abandoned_short))', 'needs_timed_abandons': true}) }}
    {%- elif variant == 'incl_abandons_within_t' -%}
        {{ return({'numerator': '(' ~ answered_in ~ ' + ' ~ abandoned_in ~ ')', 'denominator': 'sum(offered)', 'needs_timed_abandons': true}) }}
    {%- elif variant == 'of_answered' -%}
        {{ return({'numerator': answered_in, 'denominator': 'sum(answered)', 'needs_timed_abandons': false}) }}
    {%- elif variant == 'of_offered' -%}
        {{ return({'numerator': answered_in, 'denominator': 'sum(offered)', 'needs_timed_abandons': false}) }}
    {%- elif variant == 'excl_abandons_within_t' -%}
        {{ return({'numerator': answered_in, 'denominator': '(sum(offered) - ' ~ abandoned_in ~ ')', 'needs_timed_abandons': true}) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown service_level_variant: " ~ variant) }}
    {%- endif -%}
{%- endmacro %}

{% macro kpi_service_level_parts(threshold=none, variant=none) -%}
    {#- service_level_parts as KPI parts: variants that use short abandons or abandons within T are
        guarded by abandons_all_timed. -#}
    {%- set parts = service_level_parts(threshold, variant) -%}
    {%- if parts['needs_timed_abandons'] -%}
        {{ return({'numerator': parts['numerator'], 'denominator': parts['denominator'], 'guard': abandons_all_timed()}) }}
    {%- else -%}
        {{ return({'numerator': parts['numerator'], 'denominator': parts['denominator']}) }}
    {%- endif -%}
{%- endmacro %}

{% macro kpi_service_level(threshold=none, variant=none) -%}
    {#- var service_level_variant (or `variant`) picks the denominator (service_level_parts); variants
        that use short abandons or abandons within T are NULL when some abandons have no known wait
        (abandons_all_timed). -#}
    {{ kpi_ratio(kpi_service_level_parts(threshold, variant)) }}
{%- endmacro %}

{% macro kpi_service_level_numerator(threshold=none, variant=none) -%}
    {#- The contacts that met the service level under the variant (a count, for "n of d" labels). -#}
    cast({{ service_level_parts(threshold, variant)['numerator'] }} as {{ dbt.type_bigint() }})
{%- endmacro %}

{% macro kpi_service_level_denominator(threshold=none, variant=none) -%}
    {#- The contacts the variant's service level is taken over (a count, for "n of d" labels). -#}
    cast({{ service_level_parts(threshold, variant)['denominator'] }} as {{ dbt.type_bigint() }})
{%- endmacro %}

{% macro kpi_asa_parts() -%}
    {{ return({'numerator': 'sum(wait_seconds_answered)', 'denominator': 'sum(answered)'}) }}
{%- endmacro %}

{% macro kpi_asa() -%}
    {{ kpi_ratio(kpi_asa_parts()) }}
{%- endmacro %}

{% macro kpi_avg_abandon_time() -%}
    {#- over the abandons whose wait is known (all of them, on a platform that records it) -#}
    {{ safe_ratio('sum(wait_seconds_abandoned)', 'sum(abandoned_timed)') }}
{%- endmacro %}

{% macro kpi_aht_parts() -%}
    {#- NULL when some handled contacts have no known ACW (the platform does not report wrap-up);
        unknown hold needs no guard, because talk then already includes the hold time. -#}
    {{ return({'numerator': '(sum(talk_seconds) + coalesce(sum(hold_seconds), 0) + coalesce(sum(acw_seconds), 0))',
               'denominator': 'sum(handled)', 'guard': 'sum(handled_acw_known) >= sum(handled)'}) }}
{%- endmacro %}

{% macro kpi_aht() -%}
    {{ kpi_ratio(kpi_aht_parts()) }}
{%- endmacro %}

{% macro kpi_avg_talk() -%}
    {#- Mean talk (service) time per handled leg, hold and wrap-up excluded: what a source without ACW can report. -#}
    {{ safe_ratio('sum(talk_seconds)', 'sum(handled)') }}
{%- endmacro %}

{% macro kpi_avg_acw() -%}
    {{ safe_ratio('sum(acw_seconds)', 'sum(handled_acw_known)') }}
{%- endmacro %}

{% macro kpi_hold_rate_parts() -%}
    {{ return({'numerator': 'sum(held)', 'denominator': 'sum(handled_hold_known)'}) }}
{%- endmacro %}

{% macro kpi_hold_rate() -%}
    {{ kpi_ratio(kpi_hold_rate_parts()) }}
{%- endmacro %}

{% macro kpi_avg_hold() -%}
    {{ safe_ratio('sum(hold_seconds)', 'sum(held)') }}
{%- endmacro %}

{% macro kpi_transfer_rate_parts() -%}
    {#- transferred_out is NULL when the contacts feed records no transfer at all (int_queue_days_covered),
        so the KPI is NULL, not 0. -#}
    {{ return({'numerator': 'sum(transferred_out)', 'denominator': 'sum(handled)'}) }}
{%- endmacro %}

{% macro kpi_transfer_rate() -%}
    {{ kpi_ratio(kpi_transfer_rate_parts()) }}
{%- endmacro %}
