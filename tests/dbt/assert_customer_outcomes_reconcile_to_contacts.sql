-- Reconciliation: the customer-outcome components of fct_agent_queue_daily equal the contact-level
-- facts they come from, per queue and day: FCR components from fct_customer_contacts (each customer
-- contact once, on its final handled leg's queue and day), revenue from the attributed orders.
-- Contact-level rows count positive, fact rows negative; any queue-day that does not cancel is returned.

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

contact_side as (

    select
        queue_id,
        handled_date as date_day,
        sum({{ bool_to_int('is_fcr_eligible') }}) as fcr_eligible,
        sum({{ bool_to_int('is_fcr_resolved') }}) as fcr_resolved,
        sum({{ bool_to_int('is_repeat_counted') }}) as repeat_within_n,
        sum({{ bool_to_int('is_handled_inbound') }}) as fcr_disposition_contacts,
        sum({{ bool_to_int('is_survey_fcr_contact') }}) as fcr_survey_contacts,
        0 as revenue_amount
    from customer_contacts
    where final_contact_id is not null
    group by queue_id, handled_date

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
