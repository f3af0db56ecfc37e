-- grain: one row per queue x local day x local time of day, plus one per local day x time of day over all queues
{{ config(materialized='view') }}

{# Report-shaped intraday service level and ASA (the dashboard's interval heat map), by the KPI
    macros over summed fct_queue_intervals components. #}

with

intervals as (

    select
        *,
        strftime(interval_start_local, '%H:%M') as time_of_day
    from {{ ref('fct_queue_intervals') }}

),

by_key as (

    select
        date_day,
        time_of_day,
        queue_id,
        false as is_all_queues,
        cast(sum(offered) as {{ dbt.type_bigint() }}) as offered,
        cast(sum(answered) as {{ dbt.type_bigint() }}) as answered,
        {{ kpi_service_level_numerator() }} as service_level_numerator,
        {{ kpi_service_level_denominator() }} as service_level_denominator,
        {{ kpi_service_level() }} as service_level,
        {{ kpi_asa() }} as asa_seconds

    from intervals
    group by date_day, time_of_day, queue_id

),

overall as (

    select
        date_day,
        time_of_day,
        cast(null as varchar) as queue_id,
        true as is_all_queues,
        cast(sum(offered) as {{ dbt.type_bigint() }}) as offered,
        cast(sum(answered) as {{ dbt.type_bigint() }}) as answered,
        {{ kpi_service_level_numerator() }} as service_level_numerator,
        {{ kpi_service_level_denominator() }} as service_level_denominator,
        {{ kpi_service_level() }} as service_level,
        {{ kpi_asa() }} as asa_seconds

    from intervals
    group by date_day, time_of_day

),

rolled as (

    select * from by_key
    union all
    select * from overall

)

select * from rolled
