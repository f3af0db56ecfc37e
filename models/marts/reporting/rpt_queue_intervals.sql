-- grain: one row per queue x local day x local time of day, plus one per local day x time of day over all queues
{{ config(materialized='view') }}

{# Report-shaped intraday service level and ASA (BI and notebooks), by the KPI
    macros over summed fct_queue_intervals components. #}

with

intervals as (

    select
        *,
        {{ time_of_day('interval_start_local') }} as time_of_day
    from {{ ref('fct_queue_intervals') }}

),

rolled as (

    select
        date_day,
        time_of_day,
        queue_id,
        grouping(queue_id) = 1 as is_all_queues,
        cast(sum(offered) as {{ dbt.type_bigint() }}) as offered,
        cast(sum(answered) as {{ dbt.type_bigint() }}) as answered,
        {{ kpi_service_level_numerator() }} as service_level_numerator,
        {{ kpi_service_level_denominator() }} as service_level_denominator,
        {{ kpi_service_level() }} as service_level,
        {{ kpi_asa() }} as asa_seconds

    from intervals
    -- the rows per queue_id, and one row over all of them (rollup)
    group by date_day, time_of_day, rollup(queue_id)

)

select * from rolled
