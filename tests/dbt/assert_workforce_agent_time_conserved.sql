-- Splitting at intervals and local midnight loses and adds nothing: per agent, the seconds in
-- fct_agent_intervals equal the raw spans in staging (states with an end after their start; scheduled
-- activities likewise, up to the agent-state horizon, the latest state end), per category.
-- Returns the agents whose totals differ.

with

states as (

    select * from {{ ref('stg_acd__agent_states') }}

),

schedules as (

    select * from {{ ref('stg_wfm__schedules') }}

),

intervals as (

    select * from {{ ref('fct_agent_intervals') }}

),

horizon as (

    select max(state_ended_at) as observed_until
    from states
    where state_ended_at > state_started_at

),

observed_schedules as (

    select
        schedules.agent_id,
        schedules.activity,
        {{ seconds_between('schedules.starts_at', 'least(schedules.ends_at, horizon.observed_until)') }}
            as observed_seconds
    from schedules
    inner join horizon
        on schedules.starts_at < horizon.observed_until
    where schedules.ends_at > schedules.starts_at

),

raw_side as (

    select
        agent_id,
        sum(case when state not in ('offline', 'logged_out') then state_seconds else 0 end) as logged_in_seconds,
        sum(case when state in ('on_contact', 'acw') then state_seconds else 0 end) as handling_seconds,
        sum(case when state = 'available' then state_seconds else 0 end) as available_seconds,
        0 as scheduled_seconds,
        0 as scheduled_on_queue_seconds
    from states
    where state_ended_at > state_started_at
    group by agent_id

    union all

    select
        agent_id,
        0 as logged_in_seconds,
        0 as handling_seconds,
        0 as available_seconds,
        sum(observed_seconds) as scheduled_seconds,
        sum(case when activity = 'on_queue' then observed_seconds else 0 end) as scheduled_on_queue_seconds
    from observed_schedules
    group by agent_id

),

fact_side as (

    select
        agent_id,
        -sum(logged_in_seconds) as logged_in_seconds,
        -sum(handling_seconds) as handling_seconds,
        -sum(available_seconds) as available_seconds,
        -sum(scheduled_seconds) as scheduled_seconds,
        -sum(scheduled_on_queue_seconds) as scheduled_on_queue_seconds
    from intervals
    group by agent_id

),

differences as (

    select
        agent_id,
        sum(logged_in_seconds) as logged_in_difference,
        sum(handling_seconds) as handling_difference,
        sum(available_seconds) as available_difference,
        sum(scheduled_seconds) as scheduled_difference,
        sum(scheduled_on_queue_seconds) as scheduled_on_queue_difference
    from (
        select * from raw_side
        union all
        select * from fact_side
    ) as signed
    group by agent_id

)

select *
from differences
where
    abs(logged_in_difference) > 1e-6
    or abs(handling_difference) > 1e-6
    or abs(available_difference) > 1e-6
    or abs(scheduled_difference) > 1e-6
    or abs(scheduled_on_queue_difference) > 1e-6
