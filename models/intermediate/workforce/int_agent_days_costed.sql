{#- Every agent x local day (the agent's time zone) with agent time or handled contacts, with the
    roster version in effect at the end of the day (team, site, hourly cost), paid seconds and
    labour cost = paid hours x hourly cost. fct_agent_daily adds the day's time components and
    contacts; int_costs_allocated splits labour_cost over queues. -#}

with

agent_intervals as (

    select * from {{ ref('int_agent_intervals_summed') }}

),

agent_queue_days as (

    select * from {{ ref('int_agent_queue_days_summed') }}

),

roster_versions as (

    select * from {{ ref('int_agent_roster_versioned') }}

),

agent_time_zones as (

    select * from {{ ref('int_agent_time_zones_assigned') }}

),

paid_days as (

    select
        agent_id,
        date_day,
        sum(paid_seconds) as paid_seconds

    from agent_intervals
    group by agent_id, date_day

),

handled_days as (

    select distinct
        agent_id,
        date_day

    from agent_queue_days
    where agent_id is not null

),

agent_days as (

    select
        coalesce(paid_days.agent_id, handled_days.agent_id) as agent_id,
        coalesce(paid_days.date_day, handled_days.date_day) as date_day,
        coalesce(paid_days.paid_seconds, 0) as paid_seconds

    from paid_days
    full outer join handled_days
        on paid_days.agent_id = handled_days.agent_id and paid_days.date_day = handled_days.date_day

),

with_roster as (

    select
        agent_days.*,
        coalesce(agent_time_zones.time_zone, 'UTC') as time_zone,
        roster_versions.team,
        roster_versions.site,
        roster_versions.hourly_cost

    from agent_days
    left join agent_time_zones
        on agent_days.agent_id = agent_time_zones.agent_id
    left join roster_versions
        on
            agent_days.agent_id = roster_versions.agent_id
            -- the version in effect at the end of the local day (UTC midnight after it)
            and {{ workforce_valid_at(
                'roster_versions', 'cast(' ~ dbt.dateadd('day', 1, 'agent_days.date_day') ~ ' as timestamp)'
            ) }}

),

final as (

    select
        agent_id,
        date_day,
        time_zone,
        team,
        site,
        cast(hourly_cost as double) as hourly_cost,
        cast(paid_seconds as double) as paid_seconds,
        cast(coalesce(paid_seconds / 3600.0 * hourly_cost, 0) as double) as labour_cost,
        cast(case when hourly_cost is null then paid_seconds else 0 end as double) as unpriced_paid_seconds

    from with_roster

)

select * from final
