{{ config(materialized='view') }}

{#- Agent-time components per piece, labelled with the agent's local day and 30-minute interval:
    state pieces (what the agent did), schedule pieces (what was planned) and their overlaps (the same
    agent and 15-minute bucket, overlapping in time). fct_agent_intervals sums them and derives the
    adherence exceptions. Only positive amounts here; derivations are differences of sums.
    Schedule counts only up to the agent-state horizon (the latest state end in the data): schedules
    are published ahead, and time not yet observed is neither absence nor adherence. -#}

with

state_pieces as (

    select * from {{ ref('int_agent_states_split') }}

),

schedule_pieces as (

    select * from {{ ref('int_schedules_split') }}

),

observed as (

    select max(piece_ended_at) as observed_until
    from state_pieces

),

observed_schedule_pieces as (

    select
        schedule_pieces.*,
        {{ seconds_between(
            'schedule_pieces.piece_started_at', 'least(schedule_pieces.piece_ended_at, observed.observed_until)'
        ) }} as observed_seconds

    from schedule_pieces
    inner join observed
        on schedule_pieces.piece_started_at < observed.observed_until

),

state_components as (

    select
        agent_id,
        time_zone,
        date_day,
        interval_start_local,
        case when state_category != 'logged_out' then piece_seconds else 0 end as logged_in_seconds,
        case when state_category = 'handling' then piece_seconds else 0 end as handling_seconds,
        case when state_category = 'available' then piece_seconds else 0 end as available_seconds,
        case when state_category = 'auxiliary' then piece_seconds else 0 end as auxiliary_seconds,
        case when state_activity = 'on_queue' then piece_seconds else 0 end as actual_on_queue_seconds,
        0 as scheduled_seconds,
        0 as paid_seconds,
        0 as scheduled_on_queue_seconds,
        0 as adherent_seconds,
        0 as shift_logged_in_seconds,
        0 as scheduled_on_queue_state_seconds

    from state_pieces

),

schedule_components as (

    select
        agent_id,
        time_zone,
        date_day,
        interval_start_local,
        0 as logged_in_seconds,
        0 as handling_seconds,
        0 as available_seconds,
        0 as auxiliary_seconds,
        0 as actual_on_queue_seconds,
        observed_seconds as scheduled_seconds,
        case when is_shift then observed_seconds else 0 end as paid_seconds,
        case when is_on_queue then observed_seconds else 0 end as scheduled_on_queue_seconds,
        0 as adherent_seconds,
        0 as shift_logged_in_seconds,
        0 as scheduled_on_queue_state_seconds

    from observed_schedule_pieces

),

schedule_state_overlaps as (

    select
        schedule_pieces.agent_id,
        schedule_pieces.time_zone,
        schedule_pieces.date_day,
        schedule_pieces.interval_start_local,
        schedule_pieces.activity,
        schedule_pieces.is_shift,
        state_pieces.state_category,
        state_pieces.state_activity,
        {{ seconds_between(
            'greatest(schedule_pieces.piece_started_at, state_pieces.piece_started_at)',
            'least(schedule_pieces.piece_ended_at, state_pieces.piece_ended_at)'
        ) }} as overlap_seconds

    from schedule_pieces
    inner join state_pieces
        on
            schedule_pieces.agent_id = state_pieces.agent_id
            and schedule_pieces.bucket_start_at = state_pieces.bucket_start_at
            and schedule_pieces.piece_started_at < state_pieces.piece_ended_at
            and schedule_pieces.piece_ended_at > state_pieces.piece_started_at

),

overlap_components as (

    select
        agent_id,
        time_zone,
        date_day,
        interval_start_local,
        0 as logged_in_seconds,
        0 as handling_seconds,
        0 as available_seconds,
        0 as auxiliary_seconds,
        0 as actual_on_queue_seconds,
        0 as scheduled_seconds,
        0 as paid_seconds,
        0 as scheduled_on_queue_seconds,
        case when is_shift and state_activity = activity then overlap_seconds else 0 end as adherent_seconds,
        case
            when is_shift and state_category != 'logged_out' then overlap_seconds else 0
        end as shift_logged_in_seconds,
        case when state_activity = 'on_queue' then overlap_seconds else 0 end as scheduled_on_queue_state_seconds

    from schedule_state_overlaps

),

unioned as (

    select * from state_components
    union all
    select * from schedule_components
    union all
    select * from overlap_components

)

select * from unioned
