-- grain: one row per agent x queue x local day with handled contacts or survey responses
{{ config(materialized='view') }}

{# The dashboard's agent scorecards, contact side: handling, resolution and CSAT components per agent,
    queue and day (kpi_components over fct_agent_queue_daily and fct_survey_agent_queue_daily), so the
    page can show any date range and any queue (or all of them) by summing rows. The agent's time
    (occupancy, adherence) is per agent and day, in rpt_dashboard_agent_time_days. #}

with

contact_days as (

    select
        date_day,
        queue_id,
        agent_id,
        {% for c in contact_components()['all'] -%}
            sum({{ c }}) as {{ c }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from {{ ref('fct_agent_queue_daily') }}
    where agent_id is not null
    group by date_day, queue_id, agent_id

),

survey_days as (

    select
        date_day,
        queue_id,
        agent_id,
        sum(csat_responses) as csat_responses,
        sum(csat_top_box) as csat_top_box,
        sum(csat_score_sum) as csat_score_sum
    from {{ ref('fct_survey_agent_queue_daily') }}
    where agent_id is not null and queue_id is not null
    group by date_day, queue_id, agent_id

),

agent_day_keys as (

    select
        date_day,
        queue_id,
        agent_id
    from contact_days
    union
    select
        date_day,
        queue_id,
        agent_id
    from survey_days

),

joined as (

    select
        agent_day_keys.date_day,
        agent_day_keys.queue_id,
        agent_day_keys.agent_id,
        {% for c in contact_components()['all'] -%}
            contact_days.{{ c }},
        {% endfor -%}
        survey_days.csat_responses,
        survey_days.csat_top_box,
        survey_days.csat_score_sum
    from agent_day_keys
    left join contact_days
        on
            agent_day_keys.date_day = contact_days.date_day
            and agent_day_keys.queue_id = contact_days.queue_id
            and agent_day_keys.agent_id = contact_days.agent_id
    left join survey_days
        on
            agent_day_keys.date_day = survey_days.date_day
            and agent_day_keys.queue_id = survey_days.queue_id
            and agent_day_keys.agent_id = survey_days.agent_id

),

summed as (

    select
        date_day,
        queue_id,
        agent_id,
        cast(coalesce(sum(handled), 0) as {{ dbt.type_bigint() }}) as handled,
        {{ kpi_components(kpi_aht_parts(), 'aht_seconds') }},
        {{ kpi_components(kpi_hold_rate_parts(), 'hold_rate') }},
        {{ kpi_components(kpi_transfer_rate_parts(), 'transfer_rate') }},
        {{ kpi_components(kpi_fcr_parts(), 'fcr_rate') }},
        {{ kpi_components(kpi_csat_parts(), 'csat') }}

    from joined
    group by date_day, queue_id, agent_id

)

select * from summed
