{#- One row per ticket (latest version) with its durations and the local days (queue's time zone)
    of creation, first reply, first resolution and full (last) resolution. A ticket counts as fully
    resolved only while its status is solved or closed; a reopened ticket is open again. -#}

with

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}

),

queues as (

    select * from {{ ref('stg_acd__queues') }}

),

joined as (

    select
        tickets.*,
        coalesce(queues.time_zone, 'UTC') as time_zone,
        (
            tickets.status in ('solved', 'closed')
            and coalesce(tickets.last_resolved_at, tickets.first_resolved_at, tickets.updated_at) is not null
        ) as is_fully_resolved

    from tickets
    left join queues
        on tickets.queue_id = queues.queue_id

),

measured as (

    select
        ticket_id,
        channel,
        queue_id,
        assignee_agent_id as agent_id,
        customer_id,
        status,
        time_zone,
        created_at,
        first_agent_reply_at,
        first_resolved_at,
        last_resolved_at,
        updated_at,
        reopen_count as reopens,
        is_fully_resolved,
        first_agent_reply_at is not null as is_replied,
        first_resolved_at is not null as is_first_resolved,
        (first_resolved_at is not null and reopen_count > 0) as is_reopened,
        case
            when is_fully_resolved then coalesce(last_resolved_at, first_resolved_at, updated_at)
        end as fully_resolved_at,
        cast({{ to_local_timestamp('created_at', 'time_zone') }} as date) as created_date,
        cast({{ to_local_timestamp('first_agent_reply_at', 'time_zone') }} as date) as first_reply_date,
        cast({{ to_local_timestamp('first_resolved_at', 'time_zone') }} as date) as first_resolved_date,
        {{ seconds_between('created_at', 'first_agent_reply_at') }} as first_response_seconds,
        {{ seconds_between('created_at', 'first_resolved_at') }} as first_resolution_seconds

    from joined

),

final as (

    select
        *,
        cast({{ to_local_timestamp('fully_resolved_at', 'time_zone') }} as date) as fully_resolved_date,
        {{ seconds_between('created_at', 'fully_resolved_at') }} as full_resolution_seconds

    from measured

)

select * from final
