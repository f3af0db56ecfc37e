-- grain: one row per local day x queue x channel x contact reason x contact source
{# Customer-initiated contacts per local day x queue x channel x contact reason, for channel mix and
    contact-type mix: each inbound ACD customer contact once (transfers and callbacks folded in, IVR-only
    and abandoned included), on the local day it began in its first queue's time zone, plus each
    help-desk ticket on its creation day. Counts only; shares are computed after rolling up. -#}

with

customer_contacts as (

    -- the sequenced contacts, not the resolved view: the mix needs none of its window flags
    select * from {{ ref('int_customer_contacts_sequenced') }}

),

tickets as (

    select * from {{ ref('int_tickets_measured') }}

),

reasons as (

    select * from {{ ref('contact_reasons') }}

),

contacts as (

    select
        contact_date as date_day,
        first_queue_id as queue_id,
        channel,
        contact_reason,
        'acd' as contact_source

    from customer_contacts
    where coalesce(direction, 'inbound') = 'inbound'

    union all

    select
        created_date as date_day,
        queue_id,
        channel,
        cast(null as {{ dbt.type_string() }}) as contact_reason,
        'helpdesk' as contact_source

    from tickets

),

aggregated as (

    select
        contacts.date_day,
        contacts.queue_id,
        contacts.channel,
        contacts.contact_reason,
        contacts.contact_source,
        coalesce(reasons.reason_group, 'Unknown') as contact_type,
        cast(count(*) as {{ dbt.type_bigint() }}) as contacts

    from contacts
    left join reasons
        on contacts.contact_reason = reasons.reason_code
    group by
        contacts.date_day,
        contacts.queue_id,
        contacts.channel,
        contacts.contact_reason,
        contacts.contact_source,
        coalesce(reasons.reason_group, 'Unknown')

)

select * from aggregated
