-- grain: one row per agent x queue x local day
{# Help-desk ticket components per assignee x queue x local day (queue's time zone): volume on the
    creation day, first response on the reply day, first resolution and reopens on the first-resolution
    day, full resolution on the last-resolution day, and the end-of-day backlog (a snapshot: it adds
    up across agents and queues, not across days). -#}

with

tickets as (

    select * from {{ ref('int_tickets_measured') }}

),

backlog as (

    select * from {{ ref('int_ticket_backlog_daily') }}

),

created as (

    select
        created_date as date_day,
        queue_id,
        agent_id,
        1 as tickets_created,
        0 as tickets_replied,
        0 as first_response_seconds,
        0 as tickets_first_resolved,
        0 as first_resolution_seconds,
        0 as tickets_reopened,
        0 as ticket_reopens,
        0 as tickets_fully_resolved,
        0 as full_resolution_seconds,
        0 as backlog_tickets

    from tickets

),

replied as (

    select
        first_reply_date as date_day,
        queue_id,
        agent_id,
        0 as tickets_created,
        1 as tickets_replied,
        first_response_seconds,
        0 as tickets_first_resolved,
        0 as first_resolution_seconds,
        0 as tickets_reopened,
        0 as ticket_reopens,
        0 as tickets_fully_resolved,
        0 as full_resolution_seconds,
        0 as backlog_tickets

    from tickets
    where is_replied

),

first_resolved as (

    select
        first_resolved_date as date_day,
        queue_id,
        agent_id,
        0 as tickets_created,
        0 as tickets_replied,
        0 as first_response_seconds,
        1 as tickets_first_resolved,
        first_resolution_seconds,
        {{ bool_to_int('is_reopened') }} as tickets_reopened,
        reopens as ticket_reopens,
        0 as tickets_fully_resolved,
        0 as full_resolution_seconds,
        0 as backlog_tickets

    from tickets
    where is_first_resolved

),

fully_resolved as (

    select
        fully_resolved_date as date_day,
        queue_id,
        agent_id,
        0 as tickets_created,
        0 as tickets_replied,
        0 as first_response_seconds,
        0 as tickets_first_resolved,
        0 as first_resolution_seconds,
        0 as tickets_reopened,
        0 as ticket_reopens,
        1 as tickets_fully_resolved,
        full_resolution_seconds,
        0 as backlog_tickets

    from tickets
    where is_fully_resolved

),

open_at_day_end as (

    select
        date_day,
        queue_id,
        agent_id,
        0 as tickets_created,
        0 as tickets_replied,
        0 as first_response_seconds,
        0 as tickets_first_resolved,
        0 as first_resolution_seconds,
        0 as tickets_reopened,
        0 as ticket_reopens,
        0 as tickets_fully_resolved,
        0 as full_resolution_seconds,
        backlog_tickets

    from backlog
    where backlog_tickets != 0

),

unioned as (

    select * from created
    union all
    select * from replied
    union all
    select * from first_resolved
    union all
    select * from fully_resolved
    union all
    select * from open_at_day_end

),

aggregated as (

    select
        date_day,
        queue_id,
        agent_id,
        cast(sum(tickets_created) as {{ dbt.type_bigint() }}) as tickets_created,
        cast(sum(tickets_replied) as {{ dbt.type_bigint() }}) as tickets_replied,
        cast(sum(first_response_seconds) as double) as first_response_seconds,
        cast(sum(tickets_first_resolved) as {{ dbt.type_bigint() }}) as tickets_first_resolved,
        cast(sum(first_resolution_seconds) as double) as first_resolution_seconds,
        cast(sum(tickets_reopened) as {{ dbt.type_bigint() }}) as tickets_reopened,
        cast(sum(ticket_reopens) as {{ dbt.type_bigint() }}) as ticket_reopens,
        cast(sum(tickets_fully_resolved) as {{ dbt.type_bigint() }}) as tickets_fully_resolved,
        cast(sum(full_resolution_seconds) as double) as full_resolution_seconds,
        cast(sum(backlog_tickets) as {{ dbt.type_bigint() }}) as backlog_tickets

    from unioned
    group by date_day, queue_id, agent_id

)

select * from aggregated
