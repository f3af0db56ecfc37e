-- Stock and flows agree: per queue and assignee, the backlog at the end of the last day equals the
-- tickets created minus the tickets fully resolved (ticket counts straight from staging). Returns
-- the queue-agent pairs that do not balance.
-- "The last day" is each queue's own: the backlog series runs to the latest ticket event in the queue's
-- time zone, so a queue west of another can end a local day earlier (latest event 00:30 UTC: London
-- has 1 December, New York still 30 November). One center-wide max(date_day) compared a New York
-- queue with a day it has no row for (a false failure, gone after the next day's refresh).

with

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}

),

daily as (

    select * from {{ ref('fct_ticket_agent_queue_daily') }}

),

last_day as (

    select
        queue_id,
        max(date_day) as date_day
    from daily
    group by queue_id

),

open_now as (

    select
        queue_id,
        assignee_agent_id as agent_id,
        sum(
            case
                when
                    status in ('solved', 'closed')
                    and coalesce(last_resolved_at, first_resolved_at, updated_at) is not null
                    then 0
                else 1
            end
        ) as expected_backlog
    from tickets
    group by queue_id, assignee_agent_id

),

backlog_last_day as (

    select
        daily.queue_id,
        daily.agent_id,
        sum(daily.backlog_tickets) as backlog_tickets
    from daily
    inner join last_day
        on daily.queue_id is not distinct from last_day.queue_id and daily.date_day = last_day.date_day
    group by daily.queue_id, daily.agent_id

),

compared as (

    select
        coalesce(open_now.queue_id, backlog_last_day.queue_id) as queue_id,
        coalesce(open_now.agent_id, backlog_last_day.agent_id) as agent_id,
        coalesce(open_now.expected_backlog, 0) as expected_backlog,
        coalesce(backlog_last_day.backlog_tickets, 0) as backlog_tickets
    from open_now
    full outer join backlog_last_day
        on
            open_now.queue_id is not distinct from backlog_last_day.queue_id
            and open_now.agent_id is not distinct from backlog_last_day.agent_id

)

select * from compared
where expected_backlog != backlog_tickets
