{#- Scheduled activities cut into pieces at every 15-minute UTC boundary, each piece labelled with
    the agent's local day and 30-minute interval and, for on_queue activities with a queue, the
    queue's local day and interval (staffing per queue x interval).

    Rebuilt by the agent's local day, like int_agent_states_split: an incremental build rebuilds the
    days that follow from the UTC days stg_wfm__schedules rebuilt (schedule_split_changed_days), from
    every activity overlapping them. A change of an agent's or a queue's time zone needs a
    --full-refresh. -#}

{{ config(**day_incremental('date_day', changed_days='schedule_split_changed_days()')) }}

-- depends_on: {{ ref('stg_guard__rebuilt_days') }}
-- depends_on: {{ ref('metricflow_time_spine') }}
-- depends_on: {{ source('guard', 'rebuilt_days') }}

with

schedules as (

    select staged.* from {{ ref('stg_wfm__schedules') }} as staged
    {% if is_incremental() -%}
    -- every span overlapping a day to rebuild
    where {{ overlapping_changed_days_filter(
        'staged.starts_at', 'staged.ends_at', schedule_split_changed_days()
    ) }}
    {%- endif %}

),

agent_time_zones as (

    select * from {{ ref('int_agent_time_zones_assigned') }}

),

queues as (

    select * from {{ ref('stg_acd__queues') }}

),

bucketed as (

    select
        agent_id,
        starts_at,
        ends_at,
        activity,
        queue_id,
        {{ workforce_time_buckets('starts_at', 'ends_at', 15) }} as bucket_start_at

    from schedules
    where ends_at > starts_at

),

pieces as (

    select
        agent_id,
        starts_at,
        activity,
        queue_id,
        bucket_start_at,
        greatest(starts_at, bucket_start_at) as piece_started_at,
        least(ends_at, {{ dbt.dateadd('minute', 15, 'bucket_start_at') }}) as piece_ended_at

    from bucketed

),

localised as (

    select
        pieces.*,
        coalesce(agent_time_zones.time_zone, 'UTC') as time_zone,
        queues.time_zone as queue_time_zone,
        {{ to_local_timestamp('pieces.piece_started_at', "coalesce(agent_time_zones.time_zone, 'UTC')") }}
            as piece_started_at_local,
        {{ to_local_timestamp('pieces.piece_started_at', 'queues.time_zone') }} as piece_started_at_queue_local

    from pieces
    left join agent_time_zones
        on pieces.agent_id = agent_time_zones.agent_id
    left join queues
        on pieces.queue_id = queues.queue_id

),

final as (

    select
        agent_id,
        starts_at,
        bucket_start_at,
        piece_started_at,
        piece_ended_at,
        activity,
        queue_id,
        activity = 'on_queue' as is_on_queue,
        {{ workforce_is_shift_activity('activity') }} as is_shift,
        time_zone,
        cast(piece_started_at_local as date) as date_day,
        {{ interval_start('piece_started_at_local', 30) }} as interval_start_local,
        cast(piece_started_at_queue_local as date) as queue_date,
        {{ interval_start('piece_started_at_queue_local', 30) }} as queue_interval_start_local,
        {{ seconds_between('piece_started_at', 'piece_ended_at') }} as piece_seconds,
        coalesce(
            (select max(rebuilt.rebuilt_at) from {{ ref('stg_guard__rebuilt_days') }} as rebuilt),
            {{ epoch_timestamp() }}
        ) as rebuilt_through_at

    from localised
    where
        piece_ended_at > piece_started_at  -- noqa: LT02
        {%- if is_incremental() %}
            and cast(piece_started_at_local as date) in (select day from {{ changed_days_relation() }})
        {%- endif %}

)

select * from final
