-- grain: one row per queue x local day, plus one row per local day over all queues (is_all_queues)
{{ config(materialized='view') }}

{# Report-shaped daily queue KPIs (the dashboard's daily trends): each ratio by the KPI macros over
    summed fct_agent_queue_daily components, so the variant vars apply exactly as in kpi_queue_daily. #}

with

daily as (

    select * from {{ ref('fct_agent_queue_daily') }}

),

by_key as (

    select
        date_day,
        queue_id,
        false as is_all_queues,
        cast(sum(offered) as {{ dbt.type_bigint() }}) as offered,
        cast(sum(answered) as {{ dbt.type_bigint() }}) as answered,
        cast(sum(handled) as {{ dbt.type_bigint() }}) as handled,
        {{ kpi_service_level() }} as service_level,
        {{ kpi_asa() }} as asa_seconds,
        {{ kpi_abandonment_rate() }} as abandonment_rate,
        {{ kpi_aht() }} as aht_seconds

    from daily
    group by date_day, queue_id

),

overall as (

    select
        date_day,
        cast(null as varchar) as queue_id,
        true as is_all_queues,
        cast(sum(offered) as {{ dbt.type_bigint() }}) as offered,
        cast(sum(answered) as {{ dbt.type_bigint() }}) as answered,
        cast(sum(handled) as {{ dbt.type_bigint() }}) as handled,
        {{ kpi_service_level() }} as service_level,
        {{ kpi_asa() }} as asa_seconds,
        {{ kpi_abandonment_rate() }} as abandonment_rate,
        {{ kpi_aht() }} as aht_seconds

    from daily
    group by date_day

),

rolled as (

    select * from by_key
    union all
    select * from overall

)

select * from rolled
