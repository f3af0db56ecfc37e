-- grain: one row per queue x local day with contact legs
{# What the data can support, per queue and day (int_queue_days_covered): BI tools read it to tell a
    KPI that is NULL because its input is not delivered from one that is NULL for want of volume. A
    KPI whose flag is false is NULL in fct_agent_queue_daily, fct_queue_intervals, the kpi_* views and
    the MetricFlow metrics, at every grain (docs/kpi_catalog.md "Coverage"). -#}

with

coverage as (

    select * from {{ ref('int_queue_days_covered') }}

),

final as (

    select
        date_day,
        queue_id,
        legs_queued,
        legs_handled,
        has_disposition_data,
        has_transfer_data,
        has_order_data,
        has_hold_data,
        has_acw_data,
        has_abandon_wait_data,
        has_customer_ids,
        has_survey_data,
        has_ticket_data,
        has_schedule_data,
        has_forecast_data

    from coverage

)

select * from final
