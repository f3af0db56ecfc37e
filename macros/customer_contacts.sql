{% macro customer_contact_leg_columns() -%}
    {#- The leg columns a customer contact's row in int_customer_contacts_sequenced is computed from
        (initial_contact_id groups them): what its legs_fingerprint covers. -#}
    {{ return([
        'contact_id', 'customer_id', 'channel', 'direction', 'contact_reason', 'queue_id', 'time_zone',
        'initiated_at', 'is_handled', 'agent_id', 'handled_date', 'handling_ended_at', 'resolution_status',
    ]) }}
{%- endmacro %}

{% macro customer_contacts_changed_keys() -%}
    {#- The contacts (initial_contact_id) an incremental build of int_customer_contacts_sequenced
        deletes and recomputes, by comparing what each stored row was computed from with the inputs
        now:
        - stale contacts: new, gone, or whose legs (legs_fingerprint) or latest CSAT changed;
        - stale customers: those stale contacts belonged to (stored row) or belong to now (any leg),
          and those whose tickets changed (tickets_fingerprint);
        - every stored contact of a stale customer: its next contact may have changed.
        A contact kept is neither stale nor of a stale customer, so nothing it is computed from
        changed. Every contact recomputed has its customer stale or is stale itself, so all of its
        customer's contacts are recomputed with it and its lead() sees the customer's every event. -#}
    with

    current_legs as (

        select
            initial_contact_id,
            {{ row_fingerprint(customer_contact_leg_columns()) }} as legs_fingerprint
        from {{ ref('int_contact_legs_measured') }}
        group by initial_contact_id

    ),

    current_csat as (

        {{ latest_csat_responses(ref('int_survey_responses_scored')) }}

    ),

    stored as (

        select
            initial_contact_id, customer_id, legs_fingerprint, tickets_fingerprint, has_csat_response,
            is_csat_top_box
        from {{ this }}

    ),

    stale_contacts as (

        select
            coalesce(current_legs.initial_contact_id, stored.initial_contact_id) as initial_contact_id,
            stored.customer_id as stored_customer_id
        from current_legs
        full outer join stored
            on current_legs.initial_contact_id = stored.initial_contact_id
        left join current_csat
            on coalesce(current_legs.initial_contact_id, stored.initial_contact_id) = current_csat.initial_contact_id
        where
            current_legs.initial_contact_id is null
            or stored.initial_contact_id is null
            or current_legs.legs_fingerprint <> stored.legs_fingerprint
            or (current_csat.initial_contact_id is not null) <> stored.has_csat_response
            or coalesce(current_csat.is_csat_top_box, false) <> stored.is_csat_top_box

    ),

    current_tickets as (

        select
            customer_id,
            {{ row_fingerprint(['ticket_id', 'created_at']) }} as tickets_fingerprint
        from {{ ref('int_tickets_measured') }}
        where customer_id is not null
        group by customer_id

    ),

    stored_tickets as (

        select distinct customer_id, tickets_fingerprint from stored
        where customer_id is not null

    ),

    stale_customers as (

        select stored_customer_id as customer_id from stale_contacts
        union
        select legs.customer_id
        from {{ ref('int_contact_legs_measured') }} as legs
        inner join stale_contacts
            on legs.initial_contact_id = stale_contacts.initial_contact_id
        union
        select stored_tickets.customer_id
        from stored_tickets
        left join current_tickets
            on stored_tickets.customer_id = current_tickets.customer_id
        where
            current_tickets.customer_id is null and stored_tickets.tickets_fingerprint is not null
            or current_tickets.tickets_fingerprint <> stored_tickets.tickets_fingerprint
            or stored_tickets.tickets_fingerprint is null and current_tickets.customer_id is not null

    )

    select initial_contact_id from stale_contacts
    union
    select stored.initial_contact_id
    from stored
    inner join stale_customers
        on stored.customer_id = stale_customers.customer_id
{%- endmacro %}

{% macro latest_csat_responses(surveys) -%}
    {#- The latest CSAT response of each customer contact among `surveys` (int_survey_responses_scored
        rows): initial_contact_id, is_csat_top_box. -#}
    select initial_contact_id, is_csat_top_box
    from (
        select
            initial_contact_id,
            is_csat_top_box,
            row_number() over (
                partition by initial_contact_id
                order by responded_at desc, survey_response_id desc
            ) as csat_rank
        from {{ surveys }}
        where is_csat and initial_contact_id is not null
    ) as ranked_csat
    where csat_rank = 1
{%- endmacro %}
