{#- Forecast offered contacts per queue x local 30-minute interval: for each forecast interval
    (UTC start) the latest version created strictly before the interval starts, its start moved to
    the queue's local wall clock and bucketed like fct_queue_intervals. Versions created at or after
    the start are never used. Forecast intervals shorter than 30 minutes add up into their local
    30-minute interval; on the DST fall-back night both UTC half-hours of the repeated local
    half-hour add up, as the actuals do. -#}

with

forecasts as (

    select * from {{ ref('stg_wfm__forecasts') }}

),

queues as (

    select * from {{ ref('stg_acd__queues') }}

),

ranked as (

    select
        queue_id,
        interval_start_at,
        forecast_created_at,
        forecast_contacts,
        forecast_aht_seconds,
        row_number() over (
            partition by queue_id, interval_start_at
            order by forecast_created_at desc
        ) as version_rank

    from forecasts
    where forecast_created_at < interval_start_at

),

localised as (

    select
        ranked.queue_id,
        ranked.interval_start_at,
        ranked.forecast_created_at,
        ranked.forecast_contacts,
        ranked.forecast_aht_seconds,
        {{ to_local_timestamp('ranked.interval_start_at', "coalesce(queues.time_zone, 'UTC')") }}
            as interval_start_at_local

    from ranked
    left join queues
        on ranked.queue_id = queues.queue_id
    where ranked.version_rank = 1

),

aggregated as (

    select
        queue_id,
        {{ interval_start('interval_start_at_local', 30) }} as interval_start_local,
        cast(interval_start_at_local as date) as date_day,
        sum(coalesce(forecast_contacts, 0)) as forecast_offered,
        sum(coalesce(forecast_contacts * forecast_aht_seconds, 0)) as forecast_workload_seconds,
        max(forecast_created_at) as forecast_created_at,
        count(*) as forecast_rows

    from localised
    group by 1, 2, 3

)

select * from aggregated
