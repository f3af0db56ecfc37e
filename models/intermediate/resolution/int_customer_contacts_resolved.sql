{#- One row per customer contact (all legs sharing initial_contact_id: transfers and callbacks are
    the same contact), attributed to its final handled leg (agent, queue, handling day), with the
    resolution outcomes behind FCR and repeat contact rate.

    A repeat is the same customer_id's next inbound contact on any channel (ACD contact or help-desk
    ticket) within var('fcr_repeat_window_days') days of this contact's start. It is found with one
    lead() over the customer's contacts ordered by time (no self-join). A contact is final, and FCR
    eligible, only once its window has passed relative to the latest data; tables are rebuilt on
    every run, so a late repeat updates the earlier contact's day on the next build.

    A window is also not final when it runs into missing data: a stretch of more than
    var('fcr_coverage_max_closed_days') consecutive days (in var('center_time_zone')) without any
    contact leg, between two days that have contacts, is a coverage gap (a delivery that skips
    months), while shorter stretches are closures (weekends, holidays). A contact whose window
    reaches a gap day is not FCR eligible and counts in neither FCR nor repeat rate: the same rule as
    a window still open at the end of the data. null turns the gap rule off. -#}

{%- set window_days = var('fcr_repeat_window_days') %}
{%- set max_closed_days = var('fcr_coverage_max_closed_days', 3) %}
{%- set center_zone = "'" ~ var('center_time_zone') ~ "'" %}

with

legs as (

    select * from {{ ref('int_contact_legs_measured') }}

),

tickets as (

    select * from {{ ref('int_tickets_measured') }}

),

surveys as (

    select * from {{ ref('int_survey_responses_scored') }}

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
        sum({{ bool_to_int('is_handled') }}) as handled_legs

    from legs
    group by initial_contact_id

),

ranked_csat as (

    select
        initial_contact_id,
        is_csat_top_box,
        row_number() over (
            partition by initial_contact_id
            order by responded_at desc, survey_response_id desc
        ) as csat_rank

    from surveys
    where is_csat and initial_contact_id is not null

),

latest_csat as (

    select * from ranked_csat
    where csat_rank = 1

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

watermark as (

    -- the latest data: both sources must be complete up to it before a window counts as passed
    select
        least(
            (select max(initiated_at) from legs),
            coalesce((select max(created_at) from tickets), (select max(initiated_at) from legs))
        ) as data_through_at

),

contact_days as (

    -- days with contact legs: the days the data covers
    select distinct
        cast({{ to_local_timestamp('initiated_at', center_zone) }} as date) as covered_day
    from legs

),

contact_day_next as (

    select
        covered_day,
        lead(covered_day) over (order by covered_day) as next_covered_day

    from contact_days

),

contact_day_steps as (

    select
        covered_day,
        -- whole days strictly between two covered days (86,400 s each: dates carry no time of day)
        {{ seconds_between('cast(covered_day as timestamp)', 'cast(next_covered_day as timestamp)') }} / 86400 - 1
            as empty_days

    from contact_day_next

),

gap_starts as (

    -- a covered day followed by more than max_closed_days days without contacts starts a gap the next
    -- day (a comparison with null, the rule switched off, never starts one)
    select
        covered_day,
        case
            when empty_days > {{ max_closed_days if max_closed_days is not none else 'null' }}
                then cast({{ dbt.dateadd('day', 1, 'covered_day') }} as date)
        end as gap_starts_on

    from contact_day_steps

),

next_gaps as (

    -- the first gap day on or after each covered day (null: no gap before the end of the data)
    select
        covered_day,
        cast(min(gap_starts_on) over (
            order by covered_day rows between current row and unbounded following
        ) as date) as next_gap_day

    from gap_starts

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
        watermark.data_through_at,
        next_gaps.next_gap_day,
        latest_csat.initial_contact_id is not null as has_csat_response,
        coalesce(latest_csat.is_csat_top_box, false) as is_csat_top_box

    from contact_starts
    inner join leg_counts
        on contact_starts.initial_contact_id = leg_counts.initial_contact_id
    left join final_legs
        on contact_starts.initial_contact_id = final_legs.initial_contact_id
    left join next_contacts
        on contact_starts.initial_contact_id = next_contacts.event_id
    left join latest_csat
        on contact_starts.initial_contact_id = latest_csat.initial_contact_id
    cross join watermark
    left join next_gaps
        on cast({{ to_local_timestamp('contact_starts.initiated_at', center_zone) }} as date) = next_gaps.covered_day

),

flagged as (

    select
        *,
        (final_contact_id is not null and coalesce(direction, 'inbound') = 'inbound') as is_handled_inbound,
        coalesce(next_contact_at <= repeat_window_ends_at, false) as is_repeat_within_n,
        (
            repeat_window_ends_at <= data_through_at
            and (
                next_gap_day is null
                or cast({{ to_local_timestamp('repeat_window_ends_at', center_zone) }} as date) < next_gap_day
            )
        ) as is_window_passed

    from joined

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
        data_through_at,
        next_gap_day,
        is_handled_inbound,
        is_window_passed,
        is_repeat_within_n,
        (is_handled_inbound and customer_id is not null and is_window_passed) as is_fcr_eligible,
        (
            is_handled_inbound and customer_id is not null and is_window_passed
            and resolution_status = 'resolved' and not is_repeat_within_n
        ) as is_fcr_resolved,
        (is_handled_inbound and customer_id is not null and is_window_passed and is_repeat_within_n)
            as is_repeat_counted,
        coalesce(is_handled_inbound and resolution_status = 'resolved', false) as is_disposition_resolved,
        (is_handled_inbound and has_csat_response) as is_survey_fcr_contact,
        (is_handled_inbound and has_csat_response and is_csat_top_box) as is_survey_fcr_resolved

    from flagged

)

select * from final
