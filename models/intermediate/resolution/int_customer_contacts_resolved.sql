{#- One row per customer contact with the resolution outcomes behind FCR and repeat contact rate:
    int_customer_contacts_sequenced (the contact, its final handled leg, the customer's next contact)
    plus what depends on the whole data, from int_contact_days_covered. A contact is final, and FCR
    eligible, only once its window has passed relative to the latest data, and only if the window
    reaches no coverage gap day (the same rule as a window still open at the end of the data). A
    view: the latest data moves on every build, so these flags cannot be stored row by row without
    rewriting every row; they cost a join to a table of one row per day. -#}

with

contacts as (

    select * from {{ ref('int_customer_contacts_sequenced') }}

),

covered_days as (

    select * from {{ ref('int_contact_days_covered') }}

),

watermark as (

    select max(data_through_at) as data_through_at from covered_days

),

flagged as (

    select
        contacts.*,
        watermark.data_through_at,
        covered_days.next_gap_day,
        (
            contacts.repeat_window_ends_at <= watermark.data_through_at
            and (covered_days.next_gap_day is null or contacts.window_end_center_day < covered_days.next_gap_day)
        ) as is_window_passed

    from contacts
    cross join watermark
    left join covered_days
        on contacts.contact_center_day = covered_days.covered_day

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
