{#- Agent time per agent x local 30-minute interval (the agent's time zone), summed from
    int_agent_time_components, with the adherence exceptions derived so that
    paid_seconds = adherent + exception_not_logged_in + exception_wrong_state in every row.
    fct_agent_intervals shows it; int_agent_days_costed sums its paid seconds by day.

    Rebuilt by local day: an incremental build rebuilds the days either split rebuilt since this
    table's rebuilt_through_at, and the days of the schedule pieces between the agent-state horizon
    this table was built with (observed_until_at) and the current one (schedules count only up to the
    horizon, which moves with every load). A change of an agent's time zone needs a --full-refresh. -#}

{{ config(**day_incremental('date_day', changed_days='agent_interval_changed_days()')) }}

-- depends_on: {{ ref('stg_guard__rebuilt_days') }}
-- depends_on: {{ ref('int_schedules_split') }}
-- depends_on: {{ source('guard', 'rebuilt_days') }}

with

components as (

    select * from {{ ref('int_agent_time_components') }}
    {% if is_incremental() -%}
    where {{ changed_local_day_filter('date_day', agent_interval_changed_days()) }}
    {%- endif %}

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
        cast(scheduled_seconds - scheduled_on_queue_state_seconds as double) as scheduled_unavailable_seconds,
        (select max(pieces.piece_ended_at) from {{ ref('int_agent_states_split') }} as pieces)
            as observed_until_at,
        coalesce(
            (select max(rebuilt.rebuilt_at) from {{ ref('stg_guard__rebuilt_days') }} as rebuilt),
            {{ epoch_timestamp() }}
        ) as rebuilt_through_at

    from aggregated

)

select * from final
