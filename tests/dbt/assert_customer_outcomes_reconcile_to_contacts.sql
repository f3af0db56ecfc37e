-- Reconciliation: the customer-outcome components of fct_agent_queue_daily equal the contact-level
-- facts they come from, per queue and day: FCR components from fct_customer_contacts (each customer
-- contact once, on its final handled leg's queue and day), revenue from the attributed orders.
-- Contact-level rows count positive, fact rows negative; any queue-day that does not cancel is returned.
-- Coverage (fct_queue_coverage_daily): where the data carry no dispositions / no orders feed, the
-- contact side of those components is NULL too, and a fact row that is not NULL there is returned.

with

customer_contacts as (

    select * from {{ ref('fct_customer_contacts') }}

),

orders as (

    select * from {{ ref('int_orders_attributed') }}

),

daily as (

    select * from {{ ref('fct_agent_queue_daily') }}

),

coverage as (

    select * from {{ ref('fct_queue_coverage_daily') }}

),

contact_side as (

    select
        customer_contacts.queue_id,
        customer_contacts.handled_date as date_day,
        sum({{ bool_to_int('customer_contacts.is_fcr_eligible') }}) as fcr_eligible,
        sum(case when coverage.has_disposition_data then {{ bool_to_int('customer_contacts.is_fcr_resolved') }} end)
            as fcr_resolved,
        sum({{ bool_to_int('customer_contacts.is_repeat_counted') }}) as repeat_within_n,
        sum(
            case when coverage.has_disposition_data then {{ bool_to_int('customer_contacts.is_handled_inbound') }} end
        ) as fcr_disposition_contacts,
        sum({{ bool_to_int('customer_contacts.is_survey_fcr_contact') }}) as fcr_survey_contacts,
        0 as revenue_amount
    from customer_contacts
    left join coverage
        on
            customer_contacts.queue_id is not distinct from coverage.queue_id
            and customer_contacts.handled_date = coverage.date_day
    where customer_contacts.final_contact_id is not null
    group by customer_contacts.queue_id, customer_contacts.handled_date

),

order_side as (

    select
        queue_id,
        handled_date as date_day,
        0 as fcr_eligible,
        0 as fcr_resolved,
        0 as repeat_within_n,
        0 as fcr_disposition_contacts,
        0 as fcr_survey_contacts,
        sum(amount) as revenue_amount
    from orders
    where is_contact_attributed
    group by queue_id, handled_date

),

uncovered_but_counted as (

    -- a component the data cannot support must be NULL, not a number
    select
        daily.queue_id,
        daily.date_day,
        null as fcr_eligible_difference,
        sum(daily.fcr_resolved) as fcr_resolved_difference,
        null as repeat_within_n_difference,
        sum(daily.fcr_disposition_contacts) as fcr_disposition_contacts_difference,
        null as fcr_survey_contacts_difference,
        sum(daily.revenue_amount) as revenue_amount_difference
    from daily
    inner join coverage
        on daily.queue_id is not distinct from coverage.queue_id and daily.date_day = coverage.date_day
    group by daily.queue_id, daily.date_day, coverage.has_disposition_data, coverage.has_order_data
    having
        (
            not coverage.has_disposition_data
            and (sum(daily.fcr_resolved) is not null or sum(daily.fcr_disposition_contacts) is not null)
        )
        or (not coverage.has_order_data and sum(daily.revenue_amount) is not null)

),

fact_side as (

    select
        queue_id,
        date_day,
        -sum(fcr_eligible) as fcr_eligible,
        -sum(fcr_resolved) as fcr_resolved,
        -sum(repeat_within_n) as repeat_within_n,
        -sum(fcr_disposition_contacts) as fcr_disposition_contacts,
        -sum(fcr_survey_contacts) as fcr_survey_contacts,
        -sum(revenue_amount) as revenue_amount
    from daily
    group by queue_id, date_day

),

signed as (

    select * from contact_side
    union all
    select * from order_side
    union all
    select * from fact_side

),

differences as (

    select
        queue_id,
        date_day,
        sum(fcr_eligible) as fcr_eligible_difference,
        sum(fcr_resolved) as fcr_resolved_difference,
        sum(repeat_within_n) as repeat_within_n_difference,
        sum(fcr_disposition_contacts) as fcr_disposition_contacts_difference,
        sum(fcr_survey_contacts) as fcr_survey_contacts_difference,
        sum(revenue_amount) as revenue_amount_difference
    from signed
    group by queue_id, date_day

)

select *
from differences
where
    fcr_eligible_difference != 0
    or fcr_resolved_difference != 0
    or repeat_within_n_difference != 0
    or fcr_disposition_contacts_difference != 0
    or fcr_survey_contacts_difference != 0
    or abs(revenue_amount_difference) > 1e-6

union all

select * from uncovered_but_counted
