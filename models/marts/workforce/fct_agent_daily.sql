-- grain: one row per agent x local day (the agent's time zone)
{# Agent time per agent x local day (the agent's time zone): the day's fct_agent_intervals summed,
    contacts handled (fct_agent_queue_daily, summed over queues), and from int_agent_days_costed the
    roster version in effect at the end of the day (team, site, hourly cost) and labour cost = paid
    hours x hourly cost. -#}

with

agent_days as (

    select * from {{ ref('int_agent_days_costed') }}

),

intervals as (

    select * from {{ ref('fct_agent_intervals') }}

),

agent_queue_daily as (

    select * from {{ ref('fct_agent_queue_daily') }}

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

final as (

    select
        agent_days.agent_id,
        agent_days.date_day,
        agent_days.time_zone,
        agent_days.team,
        agent_days.site,
        {% for c in workforce_agent_components() -%}
            cast(coalesce(interval_days.{{ c }}, 0) as double) as {{ c }},
        {% endfor -%}
        cast(coalesce(handled_days.handled, 0) as {{ dbt.type_bigint() }}) as handled,
        agent_days.hourly_cost,
        agent_days.labour_cost,
        agent_days.unpriced_paid_seconds

    from agent_days
    left join interval_days
        on agent_days.agent_id = interval_days.agent_id and agent_days.date_day = interval_days.date_day
    left join handled_days
        on agent_days.agent_id = handled_days.agent_id and agent_days.date_day = handled_days.date_day

)

select * from final
