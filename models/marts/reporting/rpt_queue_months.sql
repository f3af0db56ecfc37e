-- grain: one row per queue x local calendar month, plus one row per month over all queues (is_all_queues)
{{ config(materialized='view') }}

{# Report-shaped monthly queue KPIs (the real-data console report), by the KPI macros over summed
    fct_agent_queue_daily components. service_level_20s is one fixed 20-second threshold across queues
    (kpi_service_level with threshold=20), under var service_level_variant. #}

with

daily as (

    select
        *,
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start_date
    from {{ ref('fct_agent_queue_daily') }}

),

rolled as (

    select
        month_start_date,
        queue_id,
        grouping(queue_id) = 1 as is_all_queues,
        cast(sum(offered) as {{ dbt.type_bigint() }}) as offered,
        cast(sum(answered) as {{ dbt.type_bigint() }}) as answered,
        cast(sum(abandoned) as {{ dbt.type_bigint() }}) as abandoned,
        cast(sum(handled) as {{ dbt.type_bigint() }}) as handled,
        {{ kpi_answer_rate() }} as answer_rate,
        {{ kpi_abandonment_rate() }} as abandonment_rate,
        {{ kpi_asa() }} as asa_seconds,
        {{ kpi_service_level() }} as service_level,
        {{ kpi_service_level(threshold=20) }} as service_level_20s,
        {{ kpi_avg_talk() }} as avg_talk_seconds,
        {{ kpi_aht() }} as aht_seconds

    from daily
    -- the rows per queue_id, and one row over all of them (rollup)
    group by month_start_date, rollup(queue_id)

)

select * from rolled
