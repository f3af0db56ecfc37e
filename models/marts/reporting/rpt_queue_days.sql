-- grain: one row per queue x local day, plus one row per local day over all queues (is_all_queues)
{{ config(materialized='view') }}

{# Report-shaped daily queue KPIs (BI and notebooks; the dashboard reads rpt_dashboard_queue_days): each ratio by the KPI macros over
    summed fct_agent_queue_daily components, so the variant vars apply exactly as in kpi_queue_daily. #}

with

daily as (

    select * from {{ ref('fct_agent_queue_daily') }}

),

rolled as (

    select
        date_day,
        queue_id,
        grouping(queue_id) = 1 as is_all_queues,
        cast(sum(offered) as {{ dbt.type_bigint() }}) as offered,
        cast(sum(answered) as {{ dbt.type_bigint() }}) as answered,
        cast(sum(handled) as {{ dbt.type_bigint() }}) as handled,
        {{ kpi_service_level() }} as service_level,
        {{ kpi_asa() }} as asa_seconds,
        {{ kpi_abandonment_rate() }} as abandonment_rate,
        {{ kpi_aht() }} as aht_seconds

    from daily
    -- the rows per queue_id, and one row over all of them (rollup)
    group by date_day, rollup(queue_id)

)

select * from rolled
