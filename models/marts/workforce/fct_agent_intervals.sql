-- grain: one row per agent x local 30-minute interval (the agent's time zone)
{# Agent time per agent x local 30-minute interval (the agent's time zone): state seconds, schedule
    seconds and adherence, summed from int_agent_time_components. Exceptions are derived so that
    paid_seconds = adherent + exception_not_logged_in + exception_wrong_state in every row. -#}

with

components as (

    select * from {{ ref('int_agent_time_components') }}

),

aggregated as (

    select
        agent_id,
        date_day,
        interval_start_local,
        time_zone,
        sum(logged_in_seconds) as logged_in_seconds,
        sum(handling_seconds) as handling_seconds,
        sum(available_seconds) as available_seconds,
        sum(auxiliary_seconds) as auxiliary_seconds,
        sum(actual_on_queue_seconds) as actual_on_queue_seconds,
        sum(scheduled_seconds) as scheduled_seconds,
        sum(paid_seconds) as paid_seconds,
        sum(scheduled_on_queue_seconds) as scheduled_on_queue_seconds,
        sum(adherent_seconds) as adherent_seconds,
        sum(shift_logged_in_seconds) as shift_logged_in_seconds,
        sum(scheduled_on_queue_state_seconds) as scheduled_on_queue_state_seconds

    from components
    group by agent_id, date_day, interval_start_local, time_zone

),

final as (

    select
        agent_id,
        date_day,
        interval_start_local,
        time_zone,
        cast(logged_in_seconds as double) as logged_in_seconds,
        cast(handling_seconds as double) as handling_seconds,
        cast(available_seconds as double) as available_seconds,
        cast(auxiliary_seconds as double) as auxiliary_seconds,
        cast(actual_on_queue_seconds as double) as actual_on_queue_seconds,
        cast(scheduled_seconds as double) as scheduled_seconds,
        cast(paid_seconds as double) as paid_seconds,
        cast(scheduled_on_queue_seconds as double) as scheduled_on_queue_seconds,
        cast(adherent_seconds as double) as adherent_seconds,
        cast(paid_seconds - shift_logged_in_seconds as double) as exception_not_logged_in_seconds,
        cast(shift_logged_in_seconds - adherent_seconds as double) as exception_wrong_state_seconds,
        cast(logged_in_seconds - shift_logged_in_seconds as double) as unscheduled_logged_in_seconds,
        cast(scheduled_seconds - scheduled_on_queue_state_seconds as double) as scheduled_unavailable_seconds

    from aggregated

)

select * from final
