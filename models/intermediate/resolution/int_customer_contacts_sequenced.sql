{#- One row per customer contact (all legs sharing initial_contact_id: transfers and callbacks are the
    same contact), attributed to its final handled leg, with everything about it that depends on the
    contact and its customer alone: the customer's next inbound contact on any channel (ACD contact
    or help-desk ticket, one lead() over the customer's contacts ordered by time, no self-join), its
    repeat window and its latest CSAT. What depends on the whole data (the latest data, coverage
    gaps: whether a window has passed) is int_customer_contacts_resolved, a view over this table.

    Rebuilt customer by customer (macro customer_contacts_changed_keys): an incremental build
    recomputes the contacts whose legs or latest CSAT changed, and every contact of the customers
    those contacts belong (or belonged) to and of the customers whose tickets changed, found by
    fingerprints stored on each row (legs_fingerprint, tickets_fingerprint, has_csat_response,
    is_csat_top_box). Every other row is kept. Equal to a full build (tests/test_incremental.py);
    a change of var fcr_repeat_window_days or center_time_zone needs a --full-refresh. On Spark a
    table rebuilt whole. -#}

{{ config(**key_incremental('initial_contact_id', changed_keys='customer_contacts_changed_keys()')) }}

{%- set window_days = var('fcr_repeat_window_days') %}
{%- set center_zone = "'" ~ var('center_time_zone') ~ "'" %}

with

legs as (

    select * from {{ ref('int_contact_legs_measured') }}
    {% if is_incremental() -%}
    where initial_contact_id in (select key from {{ changed_keys_relation() }})
    {%- endif %}

),

surveys as (

    select * from {{ ref('int_survey_responses_scored') }}
    {% if is_incremental() -%}
    where initial_contact_id in (select key from {{ changed_keys_relation() }})
    {%- endif %}

),

ranked_starts as (

    select
        initial_contact_id,
        contact_id,
        customer_id,
        channel,
        direction,
        contact_reason,
        queue_id,
        time_zone,
        initiated_at,
        row_number() over (
            partition by initial_contact_id
            order by case when contact_id = initial_contact_id then 0 else 1 end, initiated_at, contact_id
        ) as start_rank

    from legs

),

contact_starts as (

    select * from ranked_starts
    where start_rank = 1

),

tickets as (

    -- on an incremental build, the tickets of the customers recomputed (all their contacts are)
    select * from {{ ref('int_tickets_measured') }}
    {% if is_incremental() -%}
    where customer_id in (select customer_id from contact_starts)
    {%- endif %}

),

ranked_final_legs as (

    select
        initial_contact_id,
        contact_id,
        agent_id,
        queue_id,
        handled_date,
        handling_ended_at,
        resolution_status,
        row_number() over (
            partition by initial_contact_id
            order by handling_ended_at desc, contact_id desc
        ) as final_rank

    from legs
    where is_handled

),

final_legs as (

    select * from ranked_final_legs
    where final_rank = 1

),

leg_counts as (

    select
        initial_contact_id,
        count(*) as legs,
        sum({{ bool_to_int('is_handled') }}) as handled_legs,
        {{ row_fingerprint(customer_contact_leg_columns()) }} as legs_fingerprint

    from legs
    group by initial_contact_id

),

ticket_fingerprints as (

    select
        customer_id,
        {{ row_fingerprint(['ticket_id', 'created_at']) }} as tickets_fingerprint

    from tickets
    where customer_id is not null
    group by customer_id

),

latest_csat as (

    {{ latest_csat_responses('surveys') }}

),

repeat_events as (

    -- every inbound contact of an identified customer, on any channel, can be a repeat
    select
        customer_id,
        initiated_at as event_at,
        'contact' as event_source,
        initial_contact_id as event_id

    from contact_starts
    where customer_id is not null and coalesce(direction, 'inbound') = 'inbound'

    union all

    select
        customer_id,
        created_at as event_at,
        'ticket' as event_source,
        ticket_id as event_id

    from tickets
    where customer_id is not null

),

sequenced as (

    select
        event_source,
        event_id,
        lead(event_at) over (
            partition by customer_id
            order by event_at, event_source, event_id
        ) as next_contact_at,
        lead(event_id) over (
            partition by customer_id
            order by event_at, event_source, event_id
        ) as next_contact_id

    from repeat_events

),

next_contacts as (

    select * from sequenced
    where event_source = 'contact'

),

joined as (

    select
        contact_starts.initial_contact_id,
        contact_starts.customer_id,
        contact_starts.channel,
        contact_starts.direction,
        contact_starts.contact_reason,
        contact_starts.queue_id as first_queue_id,
        contact_starts.initiated_at,
        cast({{ to_local_timestamp('contact_starts.initiated_at', 'contact_starts.time_zone') }} as date)
            as contact_date,
        leg_counts.legs,
        leg_counts.handled_legs,
        final_legs.contact_id as final_contact_id,
        final_legs.agent_id,
        final_legs.queue_id,
        final_legs.handled_date,
        final_legs.resolution_status,
        next_contacts.next_contact_id,
        next_contacts.next_contact_at,
        {{ dbt.dateadd('day', window_days, 'contact_starts.initiated_at') }} as repeat_window_ends_at,
        latest_csat.initial_contact_id is not null as has_csat_response,
        coalesce(latest_csat.is_csat_top_box, false) as is_csat_top_box,
        leg_counts.legs_fingerprint,
        ticket_fingerprints.tickets_fingerprint

    from contact_starts
    inner join leg_counts
        on contact_starts.initial_contact_id = leg_counts.initial_contact_id
    left join final_legs
        on contact_starts.initial_contact_id = final_legs.initial_contact_id
    left join next_contacts
        on contact_starts.initial_contact_id = next_contacts.event_id
    left join latest_csat
        on contact_starts.initial_contact_id = latest_csat.initial_contact_id
    left join ticket_fingerprints
        on contact_starts.customer_id = ticket_fingerprints.customer_id

),

final as (

    select
        initial_contact_id,
        customer_id,
        channel,
        direction,
        contact_reason,
        first_queue_id,
        initiated_at,
        contact_date,
        cast({{ to_local_timestamp('initiated_at', center_zone) }} as date) as contact_center_day,
        legs,
        handled_legs,
        final_contact_id,
        agent_id,
        queue_id,
        handled_date,
        resolution_status,
        next_contact_id,
        next_contact_at,
        repeat_window_ends_at,
        cast({{ to_local_timestamp('repeat_window_ends_at', center_zone) }} as date) as window_end_center_day,
        (final_contact_id is not null and coalesce(direction, 'inbound') = 'inbound') as is_handled_inbound,
        coalesce(next_contact_at <= repeat_window_ends_at, false) as is_repeat_within_n,
        has_csat_response,
        is_csat_top_box,
        legs_fingerprint,
        tickets_fingerprint

    from joined

)

select * from final
