{#- A table rebuilt day by day (UTC day of starts_at, part of the key, so every version of an activity
    falls on one day), like stg_acd__agent_states: an incremental build rebuilds the days of the rows
    in files the guard logged as changed since the table's changes_through_at (the new rows' days, and
    the days of the rows those files held before); every other day is kept. Equal to a full build
    (tests/test_incremental.py). A table, not a view like the small staging models: the quarantine
    anti-join and the latest-version window run once per build instead of once per reader (see
    DECISIONLOG "Performance"). -#}

{{ config(**day_incremental(
    'schedule_date',
    changed_days="staging_changed_values('wfm', 'schedules', 'cast(starts_at as date)', 'schedule_date')",
)) }}

-- depends_on: {{ source('guard', 'changed_files') }}
-- depends_on: {{ source('guard', 'rebuilt_days') }}

with

source as (

    select * from ({{ admitted_rows('wfm', 'schedules') }}) as admitted
    {% if is_incremental() -%}
    where {{ changed_day_filter(
        'starts_at',
        staging_changed_values('wfm', 'schedules', 'cast(starts_at as date)', 'schedule_date')
    ) }}
    {%- endif %}

),

latest as (

    {{ dedupe_latest('source', ['agent_id', 'starts_at'], '_loaded_at desc, _source_file desc') }}

),

renamed as (

    select
        agent_id,
        starts_at,
        ends_at,
        lower(trim(activity)) as activity,
        queue_id,
        {{ seconds_between('starts_at', 'ends_at') }} as scheduled_seconds,
        cast(starts_at as date) as schedule_date,
        _source_file as source_file,
        _loaded_at as loaded_at,
        {{ changes_through() }} as changes_through_at

    from latest

)

select * from renamed
