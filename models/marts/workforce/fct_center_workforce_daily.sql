-- grain: one row per local day (center level)
{# Center x local day: agent time summed over agents (fct_agent_daily, agents' local days),
    contacts handled over all queues (fct_agent_queue_daily, queues' local days) and all costs,
    including those no queue could carry (unallocated_*), so center cost per contact covers
    every cost. -#}

with

agent_days as (

    select * from {{ ref('fct_agent_daily') }}

),

agent_queue_daily as (

    select * from {{ ref('fct_agent_queue_daily') }}

),

costs as (

    select * from {{ ref('int_costs_allocated') }}

),

agent_time as (

    select
        date_day,
        count(distinct case when logged_in_seconds > 0 then agent_id end) as agents_logged_in,
        count(distinct case when scheduled_seconds > 0 then agent_id end) as agents_scheduled,
        {% for c in workforce_agent_components() -%}
            sum({{ c }}) as {{ c }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from agent_days
    group by date_day

),

handled_days as (

    select
        date_day,
        sum(handled) as handled

    from agent_queue_daily
    group by date_day

),

cost_days as (

    select
        date_day,
        sum(case when cost_type = 'labour' then allocated_cost else 0 end) as labour_cost,
        sum(case when cost_type = 'non_labour' then allocated_cost else 0 end) as non_labour_cost,
        sum(case when cost_type = 'labour' and queue_id is null then allocated_cost else 0 end)
            as unallocated_labour_cost,
        sum(case when cost_type = 'non_labour' and queue_id is null then allocated_cost else 0 end)
            as unallocated_non_labour_cost

    from costs
    group by date_day

),

day_keys as (

    select date_day from agent_time
    union
    select date_day from handled_days
    union
    select date_day from cost_days

),

final as (

    select
        day_keys.date_day,
        cast(coalesce(agent_time.agents_logged_in, 0) as {{ dbt.type_bigint() }}) as agents_logged_in,
        cast(coalesce(agent_time.agents_scheduled, 0) as {{ dbt.type_bigint() }}) as agents_scheduled,
        {% for c in workforce_agent_components() -%}
            cast(coalesce(agent_time.{{ c }}, 0) as double) as {{ c }},
        {% endfor -%}
        cast(coalesce(handled_days.handled, 0) as {{ dbt.type_bigint() }}) as handled,
        cast(coalesce(cost_days.labour_cost, 0) as double) as labour_cost,
        cast(coalesce(cost_days.non_labour_cost, 0) as double) as non_labour_cost,
        cast(coalesce(cost_days.unallocated_labour_cost, 0) as double) as unallocated_labour_cost,
        cast(coalesce(cost_days.unallocated_non_labour_cost, 0) as double) as unallocated_non_labour_cost

    from day_keys
    left join agent_time
        on day_keys.date_day = agent_time.date_day
    left join handled_days
        on day_keys.date_day = handled_days.date_day
    left join cost_days
        on day_keys.date_day = cost_days.date_day

)

select * from final
