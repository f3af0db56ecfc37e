-- grain: one row per queue over all the data, plus one row over all queues (is_all_queues)
{{ config(materialized='view') }}

{# Report-shaped whole-period queue KPIs (BI, notebooks and the tests), with
    the counts behind every ratio; ratios by the KPI macros over summed fct_agent_queue_daily and
    fct_survey_agent_queue_daily components. Components are summed per queue first, so the macros'
    sum() runs over one row per queue (or over the queues, for the all-queues row). #}

with

contact_sums as (

    select
        queue_id,
        min(date_day) as first_day,
        max(date_day) as last_day,
        {% for c in contact_components()['all'] -%}
            sum({{ c }}) as {{ c }},
        {% endfor -%}
        max(max_wait_seconds) as max_wait_seconds
    from {{ ref('fct_agent_queue_daily') }}
    group by queue_id

),

survey_sums as (

    select
        queue_id,
        sum(csat_responses) as csat_responses,
        sum(csat_top_box) as csat_top_box,
        sum(csat_score_sum) as csat_score_sum
    from {{ ref('fct_survey_agent_queue_daily') }}
    where queue_id is not null
    group by queue_id

),

joined as (

    select
        contact_sums.*,
        coalesce(survey_sums.csat_responses, 0) as csat_responses,
        coalesce(survey_sums.csat_top_box, 0) as csat_top_box,
        coalesce(survey_sums.csat_score_sum, 0) as csat_score_sum
    from contact_sums
    left join survey_sums
        on contact_sums.queue_id = survey_sums.queue_id

),

rolled as (

    select
        queue_id,
        grouping(queue_id) = 1 as is_all_queues,
        min(first_day) as first_day,
        max(last_day) as last_day,
        cast(sum(offered) as {{ dbt.type_bigint() }}) as offered,
        cast(sum(answered) as {{ dbt.type_bigint() }}) as answered,
        cast(sum(abandoned) as {{ dbt.type_bigint() }}) as abandoned,
        cast(sum(abandoned_short) as {{ dbt.type_bigint() }}) as abandoned_short,
        cast(sum(answered_within_t) as {{ dbt.type_bigint() }}) as answered_within_t,
        cast(sum(handled) as {{ dbt.type_bigint() }}) as handled,
        cast(sum(transferred_out) as {{ dbt.type_bigint() }}) as transferred_out,
        cast(sum(fcr_eligible) as {{ dbt.type_bigint() }}) as fcr_eligible,
        cast(sum(fcr_resolved) as {{ dbt.type_bigint() }}) as fcr_resolved,
        cast(sum(csat_responses) as {{ dbt.type_bigint() }}) as csat_responses,
        cast(sum(csat_top_box) as {{ dbt.type_bigint() }}) as csat_top_box,
        {{ kpi_service_level() }} as service_level,
        {{ kpi_asa() }} as asa_seconds,
        {{ kpi_abandonment_rate() }} as abandonment_rate,
        {{ kpi_aht() }} as aht_seconds,
        {{ kpi_transfer_rate() }} as transfer_rate,
        {{ kpi_fcr() }} as fcr_rate,
        {{ kpi_call_resolution_rate() }} as call_resolution_rate,
        {{ kpi_csat() }} as csat

    from joined
    -- the rows per queue_id, and one row over all of them (rollup)
    group by rollup(queue_id)

)

select * from rolled
