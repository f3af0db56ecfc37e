-- Every cost is allocated exactly once: per day, the labour on queue rows (fct_queue_workforce_daily)
-- plus unallocated labour equals the agents' labour (fct_agent_daily) and the center's; the non-labour
-- cost on queue rows plus unallocated equals the finance costs of the day and the center's.
-- Returns the days that do not add up.

with

agent_days as (

    select * from {{ ref('fct_agent_daily') }}

),

queue_days as (

    select * from {{ ref('fct_queue_workforce_daily') }}

),

center_days as (

    select * from {{ ref('fct_center_workforce_daily') }}

),

costs as (

    select * from {{ ref('stg_finance__costs') }}

),

signed as (

    select
        date_day,
        sum(labour_cost) as agent_labour,
        0 as queue_labour,
        0 as finance_non_labour,
        0 as queue_non_labour,
        0 as center_labour,
        0 as center_non_labour,
        0 as unallocated_labour,
        0 as unallocated_non_labour
    from agent_days
    group by date_day

    union all

    select
        date_day,
        0 as agent_labour,
        sum(labour_cost) as queue_labour,
        0 as finance_non_labour,
        sum(non_labour_cost) as queue_non_labour,
        0 as center_labour,
        0 as center_non_labour,
        0 as unallocated_labour,
        0 as unallocated_non_labour
    from queue_days
    group by date_day

    union all

    select
        cost_date as date_day,
        0 as agent_labour,
        0 as queue_labour,
        sum(amount) as finance_non_labour,
        0 as queue_non_labour,
        0 as center_labour,
        0 as center_non_labour,
        0 as unallocated_labour,
        0 as unallocated_non_labour
    from costs
    group by cost_date

    union all

    select
        date_day,
        0 as agent_labour,
        0 as queue_labour,
        0 as finance_non_labour,
        0 as queue_non_labour,
        labour_cost as center_labour,
        non_labour_cost as center_non_labour,
        unallocated_labour_cost as unallocated_labour,
        unallocated_non_labour_cost as unallocated_non_labour
    from center_days

),

totals as (

    select
        date_day,
        sum(agent_labour) as agent_labour,
        sum(queue_labour) as queue_labour,
        sum(finance_non_labour) as finance_non_labour,
        sum(queue_non_labour) as queue_non_labour,
        sum(center_labour) as center_labour,
        sum(center_non_labour) as center_non_labour,
        sum(unallocated_labour) as unallocated_labour,
        sum(unallocated_non_labour) as unallocated_non_labour
    from signed
    group by date_day

)

select *
from totals
where
    abs(queue_labour + unallocated_labour - agent_labour) > 1e-6
    or abs(center_labour - agent_labour) > 1e-6
    or abs(queue_non_labour + unallocated_non_labour - finance_non_labour) > 1e-6
    or abs(center_non_labour - finance_non_labour) > 1e-6
