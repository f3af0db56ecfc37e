{{ config(materialized='view') }}

{#- One row per contact leg and attribution: queue-access components on the local day/interval the
    leg entered the queue, handling components on the local day/interval handling ended (KPI catalog
    rule 3). Customer outcomes count with handling: the leg's disposition and sale, the orders
    attributed to it, and the FCR components of the customer contact whose final handled leg it is
    (int_customer_contacts_resolved). The day and interval facts are plain sums of this model.

    Coverage: a component whose input the data does not carry on the row's queue-day
    (contact_components()['covered_by'], flags from int_queue_days_covered) is NULL on both branches,
    never 0, so a sum over uncovered rows is NULL and a mixed sum counts the covered rows only. -#}

{%- set covered_by = contact_components()['covered_by'] %}

with

legs as (

    select * from {{ ref('int_contact_legs_measured') }}

),

customer_contacts as (

    select * from {{ ref('int_customer_contacts_resolved') }}

),

orders as (

    select * from {{ ref('int_orders_attributed') }}

),

coverage as (

    select * from {{ ref('int_queue_days_covered') }}

),

leg_orders as (

    select
        contact_id,
        count(*) as orders_attributed,
        sum(amount) as revenue_amount

    from orders
    where is_contact_attributed
    group by contact_id

),

offered_legs as (

    -- offered legs with the coverage of the queue-day they entered the queue
    select
        legs.*,
        {% for flag in covered_by.values() | unique | sort -%}
            coalesce(coverage.{{ flag }}, false) as {{ flag }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from legs
    left join coverage
        on legs.queue_id is not distinct from coverage.queue_id and legs.queue_date = coverage.date_day
    where legs.is_offered

),

handled_legs as (

    -- handled legs with their orders and, on the final leg of a customer contact, its FCR outcomes
    select
        legs.*,
        coalesce(leg_orders.orders_attributed, 0) as orders_attributed,
        coalesce(leg_orders.revenue_amount, 0) as revenue_amount,
        coalesce(customer_contacts.is_fcr_eligible, false) as is_fcr_eligible,
        coalesce(customer_contacts.is_fcr_resolved, false) as is_fcr_resolved,
        coalesce(customer_contacts.is_repeat_counted, false) as is_repeat_counted,
        coalesce(customer_contacts.is_handled_inbound, false) as is_disposition_contact,
        coalesce(customer_contacts.is_disposition_resolved, false) as is_disposition_resolved,
        coalesce(customer_contacts.is_survey_fcr_contact, false) as is_survey_fcr_contact,
        coalesce(customer_contacts.is_survey_fcr_resolved, false) as is_survey_fcr_resolved,
        {% for flag in covered_by.values() | unique | sort -%}
            coalesce(coverage.{{ flag }}, false) as {{ flag }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from legs
    left join leg_orders
        on legs.contact_id = leg_orders.contact_id
    left join customer_contacts
        on legs.contact_id = customer_contacts.final_contact_id
    left join coverage
        on legs.queue_id is not distinct from coverage.queue_id and legs.handled_date = coverage.date_day
    where legs.is_handled

),

queue_access as (

    select
        contact_id,
        'queue_access' as attribution,
        queue_id,
        agent_id,
        channel,
        queue_date as date_day,
        queue_interval_start_local as interval_start_local,
        1 as offered,
        {{ bool_to_int('is_answered') }} as answered,
        {{ bool_to_int('is_abandoned') }} as abandoned,
        {{ bool_to_int('is_abandoned_short') }} as abandoned_short,
        {{ bool_to_int('is_answered_within_t') }} as answered_within_t,
        {{ bool_to_int('is_abandoned_within_t') }} as abandoned_within_t,
        {% for t in var('sl_reported_thresholds') -%}
            {{ bool_to_int('is_answered and wait_seconds <= ' ~ t) }} as answered_within_{{ t }}s,
            {{ bool_to_int('is_abandoned and wait_seconds <= ' ~ t) }} as abandoned_within_{{ t }}s,
        {% endfor -%}
        case when is_answered then wait_seconds else 0 end as wait_seconds_answered,
        case when is_abandoned then wait_seconds else 0 end as wait_seconds_abandoned,
        {{ bool_to_int('is_callback_requested') }} as callbacks_requested,
        {{ bool_to_int('is_flowed_out') }} as flowed_out,
        {{ bool_to_int('is_abandoned and wait_seconds is not null') }} as abandoned_timed,
        case when is_answered or is_abandoned then wait_seconds end as max_wait_seconds,
        {% for c in contact_components()['handling'] -%}
            {{ ('case when ' ~ covered_by[c] ~ ' then 0 end') if c in covered_by else '0' }} as {{ c }},
        {% endfor -%}
        loaded_at

    from offered_legs

),

handling as (

    select
        contact_id,
        'handling' as attribution,
        queue_id,
        agent_id,
        channel,
        handled_date as date_day,
        handled_interval_start_local as interval_start_local,
        {% for c in contact_components()['queue_access'] -%}
            0 as {{ c }},
        {% endfor -%}
        cast(null as double) as max_wait_seconds,
        1 as handled,
        {{ bool_to_int("direction = 'inbound'") }} as handled_inbound,
        {{ bool_to_int("direction = 'outbound'") }} as handled_outbound,
        talk_seconds,
        hold_seconds,
        acw_seconds,
        {{ bool_to_int('is_held') }} as held,
        case when has_transfer_data then {{ bool_to_int('is_transferred_out') }} end as transferred_out,
        case when has_transfer_data then {{ bool_to_int('is_transfer_leg') }} end as transferred_in,
        {{ bool_to_int('hold_seconds is not null') }} as handled_hold_known,
        {{ bool_to_int('acw_seconds is not null') }} as handled_acw_known,
        case when has_disposition_data then {{ bool_to_int("resolution_status = 'resolved'") }} end as resolved,
        {{ bool_to_int("direction = 'outbound' and sale_outcome = 'sale'") }} as sales,
        case when has_order_data then orders_attributed end as orders_attributed,
        case when has_order_data then revenue_amount end as revenue_amount,
        {{ bool_to_int('is_fcr_eligible') }} as fcr_eligible,
        case when has_disposition_data then {{ bool_to_int('is_fcr_resolved') }} end as fcr_resolved,
        {{ bool_to_int('is_repeat_counted') }} as repeat_within_n,
        case when has_disposition_data then {{ bool_to_int('is_disposition_contact') }} end
            as fcr_disposition_contacts,
        case when has_disposition_data then {{ bool_to_int('is_disposition_resolved') }} end
            as fcr_disposition_resolved,
        {{ bool_to_int('is_survey_fcr_contact') }} as fcr_survey_contacts,
        {{ bool_to_int('is_survey_fcr_resolved') }} as fcr_survey_resolved,
        case when has_disposition_data then 1 end as handled_disposition_known,
        case when has_disposition_data then {{ bool_to_int('is_fcr_eligible') }} end as fcr_eligible_dispositioned,
        loaded_at

    from handled_legs

),

unioned as (

    -- positional union: both branches list the columns in contact_components() order
    select * from queue_access
    union all
    select * from handling

)

select * from unioned
