{#- Open tickets at the end of each local day, per queue and (current) assignee: created on or
    before the day and not fully resolved by its end. Computed as a running sum of +1 on the creation
    day and -1 on the full-resolution day, over every day up to the tickets' latest event. -#}

with

tickets as (

    select * from {{ ref('int_tickets_measured') }}

),

watermark as (

    select
        greatest(
            max(created_at), max(first_agent_reply_at), max(first_resolved_at), max(last_resolved_at), max(updated_at)
        ) as latest_event_at

    from tickets

),

changes as (

    select
        queue_id,
        agent_id,
        created_date as date_day,
        1 as backlog_change

    from tickets

    union all

    select
        queue_id,
        agent_id,
        greatest(created_date, fully_resolved_date) as date_day,
        -1 as backlog_change

    from tickets
    where fully_resolved_date is not null

),

daily_changes as (

    select
        queue_id,
        agent_id,
        date_day,
        sum(backlog_change) as backlog_change

    from changes
    group by queue_id, agent_id, date_day

),

series_bounds as (

    select
        tickets.queue_id,
        tickets.agent_id,
        min(tickets.created_date) as first_day,
        max(cast({{ to_local_timestamp('watermark.latest_event_at', 'tickets.time_zone') }} as date)) as last_day

    from tickets
    cross join watermark
    group by tickets.queue_id, tickets.agent_id

),

spine as (

    {{ date_spine(
        "(select min(first_day) from series_bounds)",
        "(select max(last_day) from series_bounds)"
    ) }}

),

grid as (

    select
        series_bounds.queue_id,
        series_bounds.agent_id,
        spine.date_day

    from series_bounds
    inner join spine
        on spine.date_day between series_bounds.first_day and series_bounds.last_day

),

backlog as (

    select
        grid.date_day,
        grid.queue_id,
        grid.agent_id,
        sum(coalesce(daily_changes.backlog_change, 0)) over (
            partition by grid.queue_id, grid.agent_id
            order by grid.date_day
            rows between unbounded preceding and current row
        ) as backlog_tickets

    from grid
    left join daily_changes
        on
            grid.date_day = daily_changes.date_day
            and grid.queue_id is not distinct from daily_changes.queue_id
            and grid.agent_id is not distinct from daily_changes.agent_id

)

select * from backlog
