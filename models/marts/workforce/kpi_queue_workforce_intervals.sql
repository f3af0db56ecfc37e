-- grain: one row per queue x local 30-minute interval
{{ config(materialized='view') }}

{#- Queue x local 30-minute interval forecast accuracy and staffing from fct_queue_workforce_intervals
    (macros/kpi/workforce.sql), with the Erlang C requirement next to the agents scheduled. -#}

with

intervals as (

    select * from {{ ref('fct_queue_workforce_intervals') }}

),

kpis as (

    select
        queue_id,
        interval_start_local,
        date_day,
        sum(actual_offered) as actual_offered,
        sum(forecast_offered) as forecast_offered,
        max(traffic_erlangs) as traffic_erlangs,
        max(required_agents) as required_agents,
        max(scheduled_agents) as scheduled_agents,
        {{ kpi_wape() }} as wape,
        {{ kpi_forecast_accuracy() }} as forecast_accuracy,
        {{ kpi_mape() }} as mape,
        {{ kpi_forecast_bias() }} as forecast_bias,
        {{ kpi_staffing_coverage() }} as staffing_coverage

    from intervals
    group by queue_id, interval_start_local, date_day

)

select * from kpis
