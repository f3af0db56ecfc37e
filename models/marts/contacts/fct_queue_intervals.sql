-- grain: one row per queue x local 30-minute interval (the queue's time zone)
{# Queue KPI components per queue x local 30-minute interval: the intraday view behind forecast
    accuracy and staffing. Sums of these rows equal the queue's rows in fct_agent_queue_daily. The
    sums are int_queue_intervals_summed's (rebuilt by day); this view shows them. -#}

{{ config(materialized='view') }}

with

queue_intervals as (

    select * from {{ ref('int_queue_intervals_summed') }}

)

select * from queue_intervals
