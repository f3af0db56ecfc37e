-- grain: one row per queue x local day
{{ config(materialized='view') }}

{#- Ratios per queue x local day, computed from summed components with the KPI macros
    (macros/kpi/queue_access.sql). BI users get the same numbers at any grain by applying the same formulas
    to sums of fct_agent_queue_daily. -#}

with

daily as (

    select * from {{ ref('fct_agent_queue_daily') }}

),

queues as (

    select * from {{ ref('dim_queues') }}

),

kpis as (

    select
        daily.date_day,
        daily.queue_id,
        cast(sum(daily.offered) as {{ dbt.type_bigint() }}) as offered,
        cast(sum(daily.answered) as {{ dbt.type_bigint() }}) as answered,
        cast(sum(daily.abandoned) as {{ dbt.type_bigint() }}) as abandoned,
        cast(sum(daily.abandoned_short) as {{ dbt.type_bigint() }}) as abandoned_short,
        cast(sum(daily.handled) as {{ dbt.type_bigint() }}) as handled,
        -- understated when some abandons have no known wait: then NULL
        case when {{ abandons_all_timed() }} then max(daily.max_wait_seconds) end as max_wait_seconds,
        {{ kpi_answer_rate() }} as answer_rate,
        {{ kpi_abandonment_rate() }} as abandonment_rate,
        {{ kpi_asa() }} as asa_seconds,
        {{ kpi_avg_abandon_time() }} as avg_abandon_seconds,
        {{ kpi_service_level() }} as service_level,
        {{ kpi_aht() }} as aht_seconds,
        {{ kpi_avg_acw() }} as avg_acw_seconds,
        {{ kpi_hold_rate() }} as hold_rate,
        {{ kpi_avg_hold() }} as avg_hold_seconds,
        {{ kpi_transfer_rate() }} as transfer_rate

    from daily
    group by daily.date_day, daily.queue_id

),

final as (

    select
        kpis.*,
        queues.queue_name,
        queues.channel,
        queues.sl_threshold_seconds,
        queues.sl_target

    from kpis
    left join queues
        on kpis.queue_id = queues.queue_id

)

select * from final
