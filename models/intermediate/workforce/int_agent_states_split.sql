{#- Agent state spans cut into pieces at every 15-minute UTC boundary (workforce_time_buckets), each
    piece labelled with the agent's local day and 30-minute interval. A span crossing an interval
    boundary or local midnight counts on both sides; pieces add back up to the span exactly.
    Spans without an end (still open at extract time) or of zero length are not measured.

    Rebuilt by local day: an incremental build rebuilds the days that follow from the UTC days
    stg_acd__agent_states rebuilt (agent_state_split_changed_days), from every state overlapping
    them. A change of an agent's time zone needs a --full-refresh. -#}

{{ config(**day_incremental('date_day', changed_days='agent_state_split_changed_days()')) }}

-- depends_on: {{ ref('stg_guard__rebuilt_days') }}
-- depends_on: {{ source('guard', 'rebuilt_days') }}

with

states as (

    select staged.* from {{ ref('stg_acd__agent_states') }} as staged
    {% if is_incremental() -%}
    -- every span overlapping a day to rebuild
    where {{ overlapping_changed_days_filter(
        'staged.state_started_at', 'staged.state_ended_at', agent_state_split_changed_days()
    ) }}
    {%- endif %}

),

agent_time_zones as (

    select * from {{ ref('int_agent_time_zones_assigned') }}

),

bucketed as (

    select
        agent_id,
        state,
        state_started_at,
        state_ended_at,
        {{ workforce_time_buckets('state_started_at', 'state_ended_at', 15) }} as bucket_start_at

    from states
    where state_ended_at > state_started_at

),

pieces as (

    select
        agent_id,
        state,
        state_started_at,
        bucket_start_at,
        greatest(state_started_at, bucket_start_at) as piece_started_at,
        least(state_ended_at, {{ dbt.dateadd('minute', 15, 'bucket_start_at') }}) as piece_ended_at

    from bucketed

),

localised as (

    select
        pieces.*,
        coalesce(agent_time_zones.time_zone, 'UTC') as time_zone,
        {{ to_local_timestamp('pieces.piece_started_at', "coalesce(agent_time_zones.time_zone, 'UTC')") }}
            as piece_started_at_local

    from pieces
    left join agent_time_zones
        on pieces.agent_id = agent_time_zones.agent_id

),

final as (

    select
        agent_id,
        state_started_at,
        bucket_start_at,
        piece_started_at,
        piece_ended_at,
        state,
        {{ workforce_state_category('state') }} as state_category,
        {{ workforce_state_activity('state') }} as state_activity,
        time_zone,
        cast(piece_started_at_local as date) as date_day,
        {{ interval_start('piece_started_at_local', 30) }} as interval_start_local,
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
