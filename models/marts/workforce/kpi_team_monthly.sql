-- grain: one row per team x calendar month
{{ config(materialized='view') }}

{#- Team x month people KPIs from summed fct_team_monthly components (macros/kpi/workforce.sql). -#}

with

monthly as (

    select * from {{ ref('fct_team_monthly') }}

),

kpis as (

    select
        team,
        month_start_date,
        sum(esat_responses) as esat_responses,
        sum(enps_responses) as enps_responses,
        sum(headcount_start) as headcount_start,
        sum(headcount_end) as headcount_end,
        sum(leavers) as leavers,
        {{ kpi_esat() }} as esat,
        {{ kpi_enps() }} as enps,
        {{ kpi_attrition_rate(annualised=false) }} as attrition_rate,
        {{ kpi_attrition_rate() }} as attrition_rate_annualised

    from monthly
    group by team, month_start_date

)

select * from kpis
