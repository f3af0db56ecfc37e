{#- Customer KPIs: resolution, sales and surveys over summed fct_agent_queue_daily /
    fct_survey_agent_queue_daily / fct_ticket_agent_queue_daily components, and the monthly customer
    value KPIs over fct_customers_monthly columns. -#}

{% macro csat_is_top_box(score, scale_min, scale_max) -%}
    {#- KPI catalog top box: 1-3 -> 3; 1-5 -> 4-5; 1-7 -> 6-7; 1-10 -> 9-10. In general: the top
        score on a scale of three points or fewer, the top two scores on longer scales. -#}
    ({{ score }} >= {{ scale_max }} - (case when {{ scale_max }} - {{ scale_min }} + 1 <= 3 then 0 else 1 end))
{%- endmacro %}

{% macro score_normalised(score, scale_min, scale_max) -%}
    {#- A score mapped onto 0-1 (scale minimum -> 0, maximum -> 1), so scales can be averaged together. -#}
    (cast({{ score }} - {{ scale_min }} as double) / nullif({{ scale_max }} - {{ scale_min }}, 0))
{%- endmacro %}

{# ---- resolution and sales (fct_agent_queue_daily) ---- #}

{% macro kpi_fcr_parts(variant=none) -%}
    {#- First contact resolution. repeat_window (default): final disposition resolved and no repeat
        within var('fcr_repeat_window_days') / eligible (window final), over the queue-days that carry
        dispositions (fcr_eligible_dispositioned: NULL where the data has none, so the KPI is NULL there
        rather than 0); disposition: final disposition resolved / handled customer contacts; survey:
        top-box CSAT / customer contacts with a CSAT answer. -#}
    {%- set variant = variant or var('fcr_variant', 'repeat_window') -%}
    {%- if variant == 'repeat_window' -%}
        {{ return({'numerator': 'sum(fcr_resolved)', 'denominator': 'sum(fcr_eligible_dispositioned)'}) }}
    {%- elif variant == 'disposition' -%}
        {{ return({'numerator': 'sum(fcr_disposition_resolved)', 'denominator': 'sum(fcr_disposition_contacts)'}) }}
    {%- elif variant == 'survey' -%}
        {{ return({'numerator': 'sum(fcr_survey_resolved)', 'denominator': 'sum(fcr_survey_contacts)'}) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown fcr_variant: " ~ variant) }}
    {%- endif -%}
{%- endmacro %}

{% macro kpi_fcr(variant=none) -%}
    {{ kpi_ratio(kpi_fcr_parts(variant)) }}
{%- endmacro %}

{% macro kpi_repeat_contact_rate() -%}
    {{ safe_ratio('sum(repeat_within_n)', 'sum(fcr_eligible)') }}
{%- endmacro %}

{% macro kpi_call_resolution_rate_parts() -%}
    {#- Over handled legs on queue-days that carry dispositions (handled_disposition_known, NULL
        elsewhere): NULL, not 0, for a source that records no dispositions. -#}
    {{ return({'numerator': 'sum(resolved)', 'denominator': 'sum(handled_disposition_known)'}) }}
{%- endmacro %}

{% macro kpi_call_resolution_rate() -%}
    {{ kpi_ratio(kpi_call_resolution_rate_parts()) }}
{%- endmacro %}

{% macro kpi_outbound_conversion_rate_parts() -%}
    {{ return({'numerator': 'sum(sales)', 'denominator': 'sum(handled_outbound)'}) }}
{%- endmacro %}

{% macro kpi_outbound_conversion_rate() -%}
    {{ kpi_ratio(kpi_outbound_conversion_rate_parts()) }}
{%- endmacro %}

{% macro kpi_revenue_per_call_parts() -%}
    {#- revenue_amount is NULL when no orders feed is delivered, so the KPI is NULL, not 0. -#}
    {{ return({'numerator': 'sum(revenue_amount)', 'denominator': 'sum(handled)'}) }}
{%- endmacro %}

{% macro kpi_revenue_per_call() -%}
    {{ kpi_ratio(kpi_revenue_per_call_parts()) }}
{%- endmacro %}

{# ---- surveys (fct_survey_agent_queue_daily) ---- #}

{% macro kpi_csat_parts(variant=none) -%}
    {#- top_box (default): csat_top_box / csat_responses; mean: mean score normalised to 0-1. -#}
    {%- set variant = variant or var('csat_variant', 'top_box') -%}
    {%- if variant == 'top_box' -%}
        {{ return({'numerator': 'sum(csat_top_box)', 'denominator': 'sum(csat_responses)'}) }}
    {%- elif variant == 'mean' -%}
        {{ return({'numerator': 'sum(csat_score_sum)', 'denominator': 'sum(csat_responses)'}) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown csat_variant: " ~ variant) }}
    {%- endif -%}
{%- endmacro %}

{% macro kpi_csat(variant=none) -%}
    {{ kpi_ratio(kpi_csat_parts(variant)) }}
{%- endmacro %}

{% macro kpi_nps_parts() -%}
    {#- (promoters - detractors) / responses x 100, on -100..100. -#}
    {{ return({'numerator': '(sum(nps_promoters) - sum(nps_detractors))', 'denominator': 'sum(nps_responses)', 'scale': 100}) }}
{%- endmacro %}

{% macro kpi_nps() -%}
    {{ kpi_ratio(kpi_nps_parts()) }}
{%- endmacro %}

{% macro kpi_ces_parts(variant=none) -%}
    {#- mean (default): mean effort score on the 1-7 scale; low_effort_share: share scoring 5 or more. -#}
    {%- set variant = variant or var('ces_variant', 'mean') -%}
    {%- if variant == 'mean' -%}
        {{ return({'numerator': 'sum(ces_score_sum)', 'denominator': 'sum(ces_responses)'}) }}
    {%- elif variant == 'low_effort_share' -%}
        {{ return({'numerator': 'sum(ces_low_effort)', 'denominator': 'sum(ces_responses)'}) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown ces_variant: " ~ variant) }}
    {%- endif -%}
{%- endmacro %}

{% macro kpi_ces(variant=none) -%}
    {{ kpi_ratio(kpi_ces_parts(variant)) }}
{%- endmacro %}

{# ---- tickets (fct_ticket_agent_queue_daily) ---- #}

{% macro kpi_avg_first_response_seconds_parts() -%}
    {{ return({'numerator': 'sum(first_response_seconds)', 'denominator': 'sum(tickets_replied)'}) }}
{%- endmacro %}

{% macro kpi_avg_first_response_seconds() -%}
    {{ kpi_ratio(kpi_avg_first_response_seconds_parts()) }}
{%- endmacro %}

{% macro kpi_avg_first_resolution_seconds_parts() -%}
    {{ return({'numerator': 'sum(first_resolution_seconds)', 'denominator': 'sum(tickets_first_resolved)'}) }}
{%- endmacro %}

{% macro kpi_avg_first_resolution_seconds() -%}
    {{ kpi_ratio(kpi_avg_first_resolution_seconds_parts()) }}
{%- endmacro %}

{% macro kpi_avg_full_resolution_seconds_parts() -%}
    {{ return({'numerator': 'sum(full_resolution_seconds)', 'denominator': 'sum(tickets_fully_resolved)'}) }}
{%- endmacro %}

{% macro kpi_avg_full_resolution_seconds() -%}
    {{ kpi_ratio(kpi_avg_full_resolution_seconds_parts()) }}
{%- endmacro %}

{% macro kpi_ticket_reopen_rate_parts() -%}
    {{ return({'numerator': 'sum(tickets_reopened)', 'denominator': 'sum(tickets_first_resolved)'}) }}
{%- endmacro %}

{% macro kpi_ticket_reopen_rate() -%}
    {{ kpi_ratio(kpi_ticket_reopen_rate_parts()) }}
{%- endmacro %}

{# ---- customer value, per month row of fct_customers_monthly (not additive over months) ---- #}

{% macro kpi_new_customer_share() -%}
    {#- New customers of the month as a share of the customers at its start. -#}
    {{ safe_ratio('new_customers', 'customers_start') }}
{%- endmacro %}

{% macro kpi_customer_retention_pct() -%}
    {#- (E - N) / S x 100. For a longer period use the last month's customers_end, the summed
        new_customers and the first month's customers_start. -#}
    (100 * {{ safe_ratio('(customers_end - new_customers)', 'customers_start') }})
{%- endmacro %}

{% macro kpi_average_purchase_value() -%}
    {{ safe_ratio('revenue_amount', 'orders') }}
{%- endmacro %}

{% macro kpi_purchase_frequency() -%}
    {#- Orders per average customer ((S + E) / 2) in the period. -#}
    {{ safe_ratio('orders', '((customers_start + customers_end) / 2.0)') }}
{%- endmacro %}

{% macro kpi_customer_lifespan_periods() -%}
    {#- Expected lifespan in periods = 1 / churn rate = customers_start / churned_customers. -#}
    {{ safe_ratio('customers_start', 'churned_customers') }}
{%- endmacro %}

{% macro kpi_customer_lifetime_value() -%}
    {#- average purchase value x purchase frequency x average customer lifespan x gross margin
        (var clv_gross_margin): (revenue / orders) x (orders / average customers) x
        (customers_start / churned) x margin. Frequency and lifespan are both per period, so their
        product does not depend on its length. -#}
    ({{ kpi_average_purchase_value() }}
        * {{ kpi_purchase_frequency() }}
        * {{ kpi_customer_lifespan_periods() }}
        * {{ var('clv_gross_margin', 1.0) }})
{%- endmacro %}
