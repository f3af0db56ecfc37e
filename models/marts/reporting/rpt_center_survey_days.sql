-- grain: one row per local day of the surveyed contact (center level, all queues)
{{ config(materialized='view') }}

{# Report-shaped center-level survey KPIs per day (BI and notebooks), by the KPI macros
    over summed fct_survey_agent_queue_daily components. #}

with

surveys as (

    select * from {{ ref('fct_survey_agent_queue_daily') }}

),

rolled as (

    select
        date_day,
        cast(sum(survey_responses) as {{ dbt.type_bigint() }}) as survey_responses,
        cast(sum(csat_responses) as {{ dbt.type_bigint() }}) as csat_responses,
        cast(sum(nps_responses) as {{ dbt.type_bigint() }}) as nps_responses,
        cast(sum(ces_responses) as {{ dbt.type_bigint() }}) as ces_responses,
        {{ kpi_csat() }} as csat,
        {{ kpi_nps() }} as nps,
        {{ kpi_ces() }} as ces

    from surveys
    group by date_day

)

select * from rolled
