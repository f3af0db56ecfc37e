-- grain: one row per agent x local day
{{ config(materialized='view') }}

{#- Agent x local day workforce KPIs from summed fct_agent_daily components (macros/kpi/workforce.sql).
    The same expressions over sums of fct_agent_daily give any team, week or month. -#}

with

daily as (

    select * from {{ ref('fct_agent_daily') }}

),

kpis as (

    select
        agent_id,
        date_day,
        team,
        site,
        sum(logged_in_seconds) as logged_in_seconds,
        sum(paid_seconds) as paid_seconds,
        sum(handled) as handled,
        {{ kpi_occupancy() }} as occupancy,
        {{ kpi_utilization() }} as utilization,
        {{ kpi_adherence() }} as adherence,
        {{ kpi_conformance() }} as conformance,
        {{ kpi_shrinkage() }} as shrinkage,
        {{ kpi_shrinkage(variant='planned') }} as planned_shrinkage,
        {{ kpi_contacts_per_hour() }} as contacts_per_hour

    from daily
    group by agent_id, date_day, team, site

)

select * from kpis
