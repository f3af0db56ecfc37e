{#- Agent time per agent x local day (the agent's time zone): the day's fct_agent_intervals summed,
    contacts handled (fct_agent_queue_daily, summed over queues), the roster version in effect at the
    end of the day (team, site, hourly cost) and labour cost = paid hours x hourly cost. -#}

with

intervals as (

    select * from {{ ref('fct_agent_intervals') }}

),

agent_queue_daily as (

    select * from {{ ref('fct_agent_queue_daily') }}

),

roster_versions as (

    select * from {{ ref('int_agent_roster_versioned') }}

),

agent_time_zones as (

    select * from {{ ref('int_agent_time_zones_assigned') }}

),

interval_days as (

    select
        agent_id,
        date_day,
        {% for c in workforce_agent_components() -%}
            sum({{ c }}) as {{ c }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from intervals
    group by agent_id, date_day

),

handled_days as (

    select
        agent_id,
        date_day,
        sum(handled) as handled

    from agent_queue_daily
    where agent_id is not null
    group by agent_id, date_day

),

joined as (

    select
        coalesce(interval_days.agent_id, handled_days.agent_id) as agent_id,
        coalesce(interval_days.date_day, handled_days.date_day) as date_day,
        {% for c in workforce_agent_components() -%}
            coalesce(interval_days.{{ c }}, 0) as {{ c }},
        {% endfor -%}
        coalesce(handled_days.handled, 0) as handled

    from interval_days
    full outer join handled_days
        on interval_days.agent_id = handled_days.agent_id and interval_days.date_day = handled_days.date_day

),

with_roster as (

    select
        joined.*,
        coalesce(agent_time_zones.time_zone, 'UTC') as time_zone,
        roster_versions.team,
        roster_versions.site,
        roster_versions.hourly_cost

    from joined
    left join agent_time_zones
        on joined.agent_id = agent_time_zones.agent_id
    left join roster_versions
        on
            joined.agent_id = roster_versions.agent_id
            -- the version in effect at the end of the local day (UTC midnight after it)
            and {{ workforce_valid_at(
                'roster_versions', 'cast(' ~ dbt.dateadd('day', 1, 'joined.date_day') ~ ' as timestamp)'
            ) }}

),

final as (

    select
        agent_id,
        date_day,
        time_zone,
        team,
        site,
        {% for c in workforce_agent_components() -%}
            cast({{ c }} as double) as {{ c }},
        {% endfor -%}
        cast(handled as {{ dbt.type_bigint() }}) as handled,
        cast(hourly_cost as double) as hourly_cost,
        cast(coalesce(paid_seconds / 3600.0 * hourly_cost, 0) as double) as labour_cost,
        cast(case when hourly_cost is null then paid_seconds else 0 end as double) as unpriced_paid_seconds

    from with_roster

)

select * from final
