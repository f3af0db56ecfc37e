{#- Every cost allocated to the queues it served, one row per cost source and queue:
    - labour: an agent-day's labour cost (int_agent_days_costed: paid hours x hourly cost) split over
      queues by the agent's handle time that day ((talk + hold + acw) seconds of the agent's contact
      legs, int_agent_queue_days_summed); an agent-day without handled contacts by the agent's
      scheduled on_queue seconds per queue;
    - non-labour: a site's cost per day and category (finance costs) split over queues by the handle
      time of the site's agents that day.
    Costs with nothing to split by keep queue_id null (allocation_basis 'unallocated') and count at
    center level only, never dropped. Days: the agent's local day; the queue's local day for handle
    time; the site's cost_date. -#}

with

agent_days as (

    select * from {{ ref('int_agent_days_costed') }}

),

agent_queue_days as (

    select * from {{ ref('int_agent_queue_days_summed') }}

),

schedule_pieces as (

    select * from {{ ref('int_schedules_split') }}

),

costs as (

    select * from {{ ref('stg_finance__costs') }}

),

handle_weights as (

    -- each component summed on its own first (int_agent_queue_days_summed): a null (unreported) hold
    -- or ACW total leaves the agent-queue-day without a handle-time weight
    select
        agent_id,
        date_day,
        queue_id,
        talk_seconds + hold_seconds + acw_seconds as weight

    from agent_queue_days
    where agent_id is not null and talk_seconds + hold_seconds + acw_seconds > 0

),

handle_agent_days as (

    select distinct
        agent_id,
        date_day

    from handle_weights

),

schedule_weights as (

    select
        schedule_pieces.agent_id,
        schedule_pieces.date_day,
        schedule_pieces.queue_id,
        sum(schedule_pieces.piece_seconds) as weight

    from schedule_pieces
    left join handle_agent_days
        on
            schedule_pieces.agent_id = handle_agent_days.agent_id
            and schedule_pieces.date_day = handle_agent_days.date_day
    where
        schedule_pieces.is_on_queue
        and schedule_pieces.queue_id is not null
        and handle_agent_days.agent_id is null
    group by schedule_pieces.agent_id, schedule_pieces.date_day, schedule_pieces.queue_id

),

labour_weights as (

    select
        agent_id,
        date_day,
        queue_id,
        weight,
        'handle_time' as allocation_basis
    from handle_weights

    union all

    select
        agent_id,
        date_day,
        queue_id,
        weight,
        'scheduled_on_queue' as allocation_basis
    from schedule_weights

),

labour as (

    select
        'labour' as cost_type,
        agent_days.agent_id,
        agent_days.site,
        cast(null as {{ dbt.type_string() }}) as category,
        agent_days.date_day,
        labour_weights.queue_id,
        coalesce(labour_weights.allocation_basis, 'unallocated') as allocation_basis,
        agent_days.labour_cost * coalesce(
            labour_weights.weight / sum(labour_weights.weight) over (
                partition by agent_days.agent_id, agent_days.date_day
            ),
            1
        ) as allocated_cost

    from agent_days
    left join labour_weights
        on agent_days.agent_id = labour_weights.agent_id and agent_days.date_day = labour_weights.date_day
    where agent_days.labour_cost != 0

),

site_weights as (

    select
        agent_days.site,
        handle_weights.date_day,
        handle_weights.queue_id,
        sum(handle_weights.weight) as weight

    from handle_weights
    inner join agent_days
        on handle_weights.agent_id = agent_days.agent_id and handle_weights.date_day = agent_days.date_day
    where agent_days.site is not null
    group by agent_days.site, handle_weights.date_day, handle_weights.queue_id

),

non_labour as (

    select
        'non_labour' as cost_type,
        cast(null as {{ dbt.type_string() }}) as agent_id,
        costs.site,
        costs.category,
        costs.cost_date as date_day,
        site_weights.queue_id,
        case when site_weights.queue_id is null then 'unallocated' else 'site_handle_time' end as allocation_basis,
        costs.amount * coalesce(
            site_weights.weight / sum(site_weights.weight) over (
                partition by costs.site, costs.cost_date, costs.category
            ),
            1
        ) as allocated_cost

    from costs
    left join site_weights
        on costs.site = site_weights.site and costs.cost_date = site_weights.date_day
    where costs.amount is not null

),

unioned as (

    select * from labour
    union all
    select * from non_labour

)

select * from unioned
