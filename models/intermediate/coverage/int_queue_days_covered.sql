{#- One row per queue x local day that has contact legs (entering the queue or handled on it): which
    KPI inputs the data can support there. Derived from the data itself, never from configuration:

    - per queue-day (a field of the leg, recorded or not on each leg): dispositions (any handled leg
      with a resolution_status), hold (any handled leg with hold_seconds or hold_count), ACW (any
      handled leg with acw_ended_at), abandon wait (every abandon has a known wait), customer ids;
    - per delivered feed (an event whose absence on one day is a real zero): transfers (any leg of the
      contacts feed transferred out or in, disconnect_reason / initiation_method 'transfer'), orders,
      surveys, tickets, schedules and forecasts (the feed has any row).

    int_contact_components_attributed stores a component as NULL, not 0, where its input is not
    covered, so sums over uncovered rows stay NULL and the KPIs built on them are NULL at every grain.
    The mart fct_queue_coverage_daily publishes these flags. -#}

with

legs as (

    select * from {{ ref('int_contact_legs_measured') }}

),

queue_days as (

    select
        queue_id,
        queue_date as date_day,
        count(*) as legs_queued,
        0 as legs_handled,
        sum({{ bool_to_int('is_abandoned') }}) as abandoned,
        sum({{ bool_to_int('is_abandoned and wait_seconds is null') }}) as abandoned_untimed,
        0 as dispositioned,
        0 as hold_reported,
        0 as acw_reported,
        sum({{ bool_to_int('customer_id is not null') }}) as with_customer_id

    from legs
    where queue_date is not null
    group by queue_id, queue_date

    union all

    select
        queue_id,
        handled_date as date_day,
        0 as legs_queued,
        count(*) as legs_handled,
        0 as abandoned,
        0 as abandoned_untimed,
        sum({{ bool_to_int('resolution_status is not null') }}) as dispositioned,
        sum({{ bool_to_int('hold_seconds is not null or hold_count is not null') }}) as hold_reported,
        sum({{ bool_to_int('acw_ended_at is not null') }}) as acw_reported,
        sum({{ bool_to_int('customer_id is not null') }}) as with_customer_id

    from legs
    where is_handled and handled_date is not null
    group by queue_id, handled_date

),

per_day as (

    select
        queue_id,
        date_day,
        sum(legs_queued) as legs_queued,
        sum(legs_handled) as legs_handled,
        sum(abandoned) as abandoned,
        sum(abandoned_untimed) as abandoned_untimed,
        sum(dispositioned) as dispositioned,
        sum(hold_reported) as hold_reported,
        sum(acw_reported) as acw_reported,
        sum(with_customer_id) as with_customer_id

    from queue_days
    group by queue_id, date_day

),

feeds as (

    select
        (
            select count(*) > 0 from legs
            where disconnect_reason = 'transfer' or initiation_method = 'transfer'
        ) as has_transfer_data,
        (select count(*) > 0 from {{ ref('stg_crm__orders') }}) as has_order_data,
        (select count(*) > 0 from {{ ref('stg_surveys__responses') }}) as has_survey_data,
        (select count(*) > 0 from {{ ref('stg_helpdesk__tickets') }}) as has_ticket_data,
        (select count(*) > 0 from {{ ref('stg_wfm__schedules') }}) as has_schedule_data,
        (select count(*) > 0 from {{ ref('stg_wfm__forecasts') }}) as has_forecast_data

),

final as (

    select
        per_day.queue_id,
        per_day.date_day,
        cast(per_day.legs_queued as {{ dbt.type_bigint() }}) as legs_queued,
        cast(per_day.legs_handled as {{ dbt.type_bigint() }}) as legs_handled,
        per_day.dispositioned > 0 as has_disposition_data,
        per_day.hold_reported > 0 as has_hold_data,
        per_day.acw_reported > 0 as has_acw_data,
        per_day.abandoned_untimed = 0 as has_abandon_wait_data,
        per_day.with_customer_id > 0 as has_customer_ids,
        feeds.has_transfer_data,
        feeds.has_order_data,
        feeds.has_survey_data,
        feeds.has_ticket_data,
        feeds.has_schedule_data,
        feeds.has_forecast_data

    from per_day
    cross join feeds

)

select * from final
