-- grain: one row per queue x local day with forecasts, plus one row per local day over all queues (is_all_queues)
{{ config(materialized='view') }}

{# Report-shaped forecast accuracy per day (BI and notebooks): WAPE and bias by the KPI
    macros over summed fct_queue_workforce_daily components, on queue-days that have a forecast. #}

with

workforce as (

    select * from {{ ref('fct_queue_workforce_daily') }}
    where forecast_intervals > 0

),

rolled as (

    select
        date_day,
        queue_id,
        grouping(queue_id) = 1 as is_all_queues,
        sum(forecast_offered) as forecast_offered,
        sum(actual_offered) as actual_offered,
        {{ kpi_wape() }} as wape,
        {{ kpi_forecast_bias() }} as forecast_bias

    from workforce
    -- the rows per queue_id, and one row over all of them (rollup)
    group by date_day, rollup(queue_id)

)

select * from rolled
