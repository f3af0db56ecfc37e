-- grain: one row per agent over all the data (agent_id null: abandoned and unrouted contacts), plus one row over all agents (is_all_agents)
{{ config(materialized='view') }}

{# Report-shaped agent scorecards (the real-data console's agent
    table) with the counts behind every ratio. Each source is summed per agent first
    (fct_agent_queue_daily, fct_survey_agent_queue_daily, fct_agent_daily), then every ratio is taken by
    the KPI macros, whose sum() runs over one row per agent (or over the agents, for the all-agents row). #}

with

contact_sums as (

    select
        agent_id,
        {% for c in contact_components()['all'] -%}
            sum({{ c }}) as {{ c }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from {{ ref('fct_agent_queue_daily') }}
    group by agent_id

),

survey_sums as (

    select
        agent_id,
        sum(csat_responses) as csat_responses,
        sum(csat_top_box) as csat_top_box,
        sum(csat_score_sum) as csat_score_sum
    from {{ ref('fct_survey_agent_queue_daily') }}
    group by agent_id

),

time_sums as (

    select
        agent_id,
        sum(handling_seconds) as handling_seconds,
        sum(available_seconds) as available_seconds,
        sum(logged_in_seconds) as logged_in_seconds,
        sum(paid_seconds) as paid_seconds,
        sum(adherent_seconds) as adherent_seconds
    from {{ ref('fct_agent_daily') }}
    group by agent_id

),

joined as (

    select
        contact_sums.*,
        coalesce(survey_sums.csat_responses, 0) as csat_responses,
        coalesce(survey_sums.csat_top_box, 0) as csat_top_box,
        coalesce(survey_sums.csat_score_sum, 0) as csat_score_sum,
        coalesce(time_sums.handling_seconds, 0) as handling_seconds,
        coalesce(time_sums.available_seconds, 0) as available_seconds,
        coalesce(time_sums.logged_in_seconds, 0) as logged_in_seconds,
        coalesce(time_sums.paid_seconds, 0) as paid_seconds,
        coalesce(time_sums.adherent_seconds, 0) as adherent_seconds
    from contact_sums
    left join survey_sums
        on contact_sums.agent_id is not distinct from survey_sums.agent_id
    left join time_sums
        on contact_sums.agent_id = time_sums.agent_id

),

rolled as (

    select
        agent_id,
        grouping(agent_id) = 1 as is_all_agents,
        cast(sum(offered) as {{ dbt.type_bigint() }}) as offered,
        cast(sum(answered) as {{ dbt.type_bigint() }}) as answered,
        cast(sum(handled) as {{ dbt.type_bigint() }}) as handled,
        cast(sum(handled_acw_known) as {{ dbt.type_bigint() }}) as handled_acw_known,
        cast(
            sum(talk_seconds) + coalesce(sum(hold_seconds), 0) + coalesce(sum(acw_seconds), 0) as double
        ) as handle_seconds,
        cast(sum(held) as {{ dbt.type_bigint() }}) as held,
        cast(sum(handled_hold_known) as {{ dbt.type_bigint() }}) as handled_hold_known,
        cast(sum(transferred_out) as {{ dbt.type_bigint() }}) as transferred_out,
        cast(sum(resolved) as {{ dbt.type_bigint() }}) as resolved,
        cast(sum(fcr_eligible) as {{ dbt.type_bigint() }}) as fcr_eligible,
        cast(sum(fcr_resolved) as {{ dbt.type_bigint() }}) as fcr_resolved,
        cast(sum(csat_responses) as {{ dbt.type_bigint() }}) as csat_responses,
        cast(sum(csat_top_box) as {{ dbt.type_bigint() }}) as csat_top_box,
        cast(sum(handling_seconds) as double) as handling_seconds,
        cast(sum(available_seconds) as double) as available_seconds,
        cast(sum(logged_in_seconds) as double) as logged_in_seconds,
        cast(sum(paid_seconds) as double) as paid_seconds,
        cast(sum(adherent_seconds) as double) as adherent_seconds,
        {{ kpi_answer_rate() }} as answer_rate,
        {{ kpi_aht() }} as aht_seconds,
        {{ kpi_hold_rate() }} as hold_rate,
        {{ kpi_transfer_rate() }} as transfer_rate,
        {{ kpi_call_resolution_rate() }} as call_resolution_rate,
        {{ kpi_fcr() }} as fcr_rate,
        {{ kpi_csat() }} as csat,
        {{ kpi_csat(variant='mean') }} as csat_mean_normalised,
        {{ kpi_occupancy() }} as occupancy,
        {{ kpi_adherence() }} as adherence,
        {{ kpi_contacts_per_hour() }} as contacts_per_hour

    from joined
    -- the rows per agent_id, and one row over all of them (rollup)
    group by rollup(agent_id)

)

select * from rolled
