{#- Workload per queue x local 30-minute interval for queues with offered contacts or a forecast:
    one row per interval with contacts (int_queue_intervals_summed: the contact components summed per
    queue x interval), a forecast or agents scheduled on_queue for the queue. is_realtime marks the queues that get Erlang C staffing (channel in var
    workforce_realtime_channels); deferred channels (email) get forecast accuracy only. AHT for
    Erlang C: the interval's own AHT ((talk + hold + acw) / handled), else the queue-day's, else the
    interval's forecast AHT. Only intervals that have started by the contact horizon (the latest event
    in the contact data) are kept: forecasts and schedules of the future are not yet measurable. -#}

with

queues as (

    select * from {{ ref('stg_acd__queues') }}

),

queue_intervals as (

    select * from {{ ref('int_queue_intervals_summed') }}

),

contacts as (

    select * from {{ ref('stg_acd__contacts') }}

),

forecasts as (

    select * from {{ ref('int_queue_forecasts_aligned') }}

),

schedule_pieces as (

    select * from {{ ref('int_schedules_split') }}

),

actuals as (

    select
        queue_id,
        interval_start_local,
        date_day,
        offered,
        handled,
        talk_seconds,
        hold_seconds,
        acw_seconds

    from queue_intervals

),

scheduled as (

    select
        queue_id,
        queue_interval_start_local as interval_start_local,
        queue_date as date_day,
        sum(piece_seconds) as scheduled_on_queue_seconds

    from schedule_pieces
    where is_on_queue and queue_id is not null
    group by queue_id, queue_interval_start_local, queue_date

),

workload_queues as (

    select
        queue_id,
        sl_threshold_seconds,
        sl_target,
        channel in (
            {%- for c in var('workforce_realtime_channels') -%}
                '{{ c }}'{% if not loop.last %}, {% endif %}
            {%- endfor -%}
        ) as is_realtime

    from queues
    where
        queue_id in (
            select actuals.queue_id
            from actuals
            where actuals.offered > 0
        )
        or queue_id in (select forecasts.queue_id from forecasts)

),

horizon as (

    select max(greatest(initiated_at, enqueued_at, connected_at, disconnected_at, acw_ended_at)) as observed_until
    from contacts

),

queue_horizons as (

    select
        queues.queue_id,
        {{ to_local_timestamp('horizon.observed_until', "coalesce(queues.time_zone, 'UTC')") }} as observed_until_local

    from queues
    inner join horizon
        on horizon.observed_until is not null

),

interval_keys as (

    select
        queue_id,
        interval_start_local,
        date_day
    from actuals
    where offered > 0 or handled > 0

    union

    select
        queue_id,
        interval_start_local,
        date_day
    from forecasts

    union

    select
        queue_id,
        interval_start_local,
        date_day
    from scheduled

),

daily_aht as (

    select
        queue_id,
        date_day,
        {{ safe_ratio('sum(talk_seconds + hold_seconds + acw_seconds)', 'sum(handled)') }} as aht_seconds

    from actuals
    group by queue_id, date_day

),

joined as (

    select
        interval_keys.queue_id,
        interval_keys.interval_start_local,
        interval_keys.date_day,
        workload_queues.is_realtime,
        workload_queues.sl_threshold_seconds,
        workload_queues.sl_target,
        coalesce(actuals.offered, 0) as actual_offered,
        coalesce(actuals.handled, 0) as handled,
        coalesce(actuals.talk_seconds + actuals.hold_seconds + actuals.acw_seconds, 0) as handle_seconds,
        forecasts.queue_id is not null as has_forecast,
        coalesce(forecasts.forecast_offered, 0) as forecast_offered,
        coalesce(forecasts.forecast_workload_seconds, 0) as forecast_workload_seconds,
        forecasts.forecast_created_at,
        coalesce(scheduled.scheduled_on_queue_seconds, 0) as scheduled_on_queue_seconds,
        {{ safe_ratio('actuals.talk_seconds + actuals.hold_seconds + actuals.acw_seconds', 'actuals.handled') }}
            as interval_aht_seconds,
        daily_aht.aht_seconds as daily_aht_seconds,
        {{ safe_ratio('forecasts.forecast_workload_seconds', 'forecasts.forecast_offered') }} as forecast_aht_seconds

    from interval_keys
    inner join workload_queues
        on interval_keys.queue_id = workload_queues.queue_id
    inner join queue_horizons
        on
            interval_keys.queue_id = queue_horizons.queue_id
            and interval_keys.interval_start_local <= queue_horizons.observed_until_local
    left join actuals
        on
            interval_keys.queue_id = actuals.queue_id
            and interval_keys.interval_start_local = actuals.interval_start_local
    left join forecasts
        on
            interval_keys.queue_id = forecasts.queue_id
            and interval_keys.interval_start_local = forecasts.interval_start_local
    left join scheduled
        on
            interval_keys.queue_id = scheduled.queue_id
            and interval_keys.interval_start_local = scheduled.interval_start_local
    left join daily_aht
        on
            interval_keys.queue_id = daily_aht.queue_id
            and interval_keys.date_day = daily_aht.date_day

),

final as (

    select
        queue_id,
        interval_start_local,
        date_day,
        1800 as interval_seconds,
        is_realtime,
        sl_threshold_seconds,
        sl_target,
        actual_offered,
        handled,
        handle_seconds,
        has_forecast,
        forecast_offered,
        forecast_workload_seconds,
        forecast_created_at,
        forecast_aht_seconds,
        scheduled_on_queue_seconds,
        coalesce(interval_aht_seconds, daily_aht_seconds, forecast_aht_seconds) as aht_seconds,
        case
            when interval_aht_seconds is not null then 'interval'
            when daily_aht_seconds is not null then 'day'
            when forecast_aht_seconds is not null then 'forecast'
        end as aht_source

    from joined

)

select * from final
