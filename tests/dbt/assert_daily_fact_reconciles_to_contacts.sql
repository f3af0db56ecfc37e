-- Reconciliation: the agent x queue x day fact holds exactly the contact legs, counted on their
-- attribution days (queue access on queue_date, handling on handled_date). Legs count positive,
-- fact rows negative; any queue-day whose totals do not cancel out is returned.

with

legs as (

    select * from {{ ref('fct_contacts') }}

),

daily as (

    select * from {{ ref('fct_agent_queue_daily') }}

),

queue_side as (

    select
        queue_id,
        queue_date as date_day,
        count(*) as offered,
        sum({{ bool_to_int('is_answered') }}) as answered,
        sum({{ bool_to_int('is_abandoned') }}) as abandoned,
        sum(case when is_answered then wait_seconds else 0 end) as wait_seconds_answered,
        0 as handled,
        0 as talk_seconds,
        0 as acw_seconds
    from legs
    where is_offered
    group by queue_id, queue_date

),

handling_side as (

    select
        queue_id,
        handled_date as date_day,
        0 as offered,
        0 as answered,
        0 as abandoned,
        0 as wait_seconds_answered,
        count(*) as handled,
        sum(talk_seconds) as talk_seconds,
        sum(acw_seconds) as acw_seconds
    from legs
    where is_handled
    group by queue_id, handled_date

),

fact_side as (

    select
        queue_id,
        date_day,
        -sum(offered) as offered,
        -sum(answered) as answered,
        -sum(abandoned) as abandoned,
        -sum(wait_seconds_answered) as wait_seconds_answered,
        -sum(handled) as handled,
        -sum(talk_seconds) as talk_seconds,
        -sum(acw_seconds) as acw_seconds
    from daily
    group by queue_id, date_day

),

signed as (

    select * from queue_side
    union all
    select * from handling_side
    union all
    select * from fact_side

),

differences as (

    select
        queue_id,
        date_day,
        sum(offered) as offered_difference,
        sum(answered) as answered_difference,
        sum(abandoned) as abandoned_difference,
        sum(wait_seconds_answered) as wait_seconds_answered_difference,
        sum(handled) as handled_difference,
        sum(talk_seconds) as talk_seconds_difference,
        sum(acw_seconds) as acw_seconds_difference
    from signed
    group by queue_id, date_day

)

select *
from differences
where
    offered_difference != 0
    or answered_difference != 0
    or abandoned_difference != 0
    or abs(wait_seconds_answered_difference) > 1e-6
    or handled_difference != 0
    or abs(talk_seconds_difference) > 1e-6
    or abs(acw_seconds_difference) > 1e-6
