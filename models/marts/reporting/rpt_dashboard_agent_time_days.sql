-- grain: one row per agent x local day with logged-in, scheduled or paid time
{{ config(materialized='view') }}

{# The dashboard's agent scorecards, time side: occupancy, adherence, shrinkage and contacts per hour
    components per agent and day (kpi_components over fct_agent_daily), for any date range. #}

with

agent_days as (

    select * from {{ ref('fct_agent_daily') }}
    where logged_in_seconds > 0 or scheduled_seconds > 0 or paid_seconds > 0

),

summed as (

    select
        date_day,
        agent_id,
        cast(sum(paid_seconds) as double) as paid_seconds,
        cast(sum(logged_in_seconds) as double) as logged_in_seconds,
        {{ kpi_components(kpi_occupancy_parts(), 'occupancy') }},
        {{ kpi_components(kpi_adherence_parts(), 'adherence') }},
        {{ kpi_components(kpi_shrinkage_parts(), 'shrinkage') }},
        {{ kpi_components(kpi_contacts_per_hour_parts(), 'contacts_per_hour') }}

    from agent_days
    group by date_day, agent_id

)

select * from summed
