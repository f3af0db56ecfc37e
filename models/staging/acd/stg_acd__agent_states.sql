{#- A table rebuilt day by day (UTC day of state_started_at, part of the key, so every version of a
    state falls on one day). An incremental build rebuilds the days of the rows in files the guard
    logged as changed since the table's changes_through_at: the new rows' days, and the days of the
    rows those files held before (a re-delivered file without a row, a row quarantined since); every
    other day is kept. Equal to a full build (tests/test_incremental.py). -#}

{{ config(**day_incremental(
    'state_date',
    changed_days="staging_changed_values('acd', 'agent_states', 'cast(state_started_at as date)', 'state_date')",
)) }}

-- depends_on: {{ source('guard', 'changed_files') }}
-- depends_on: {{ source('guard', 'rebuilt_days') }}

with

source as (

    select * from ({{ admitted_rows('acd', 'agent_states') }}) as admitted
    {% if is_incremental() -%}
    where {{ changed_day_filter(
        'state_started_at',
        staging_changed_values('acd', 'agent_states', 'cast(state_started_at as date)', 'state_date')
    ) }}
    {%- endif %}

),

latest as (

    {{ dedupe_latest('source', ['agent_id', 'state_started_at'], '_loaded_at desc, _source_file desc') }}

),

renamed as (

    select
        agent_id,
        lower(trim(state)) as state,
        state_started_at,
        state_ended_at,
        {{ seconds_between('state_started_at', 'state_ended_at') }} as state_seconds,
        cast(state_started_at as date) as state_date,
        _source_file as source_file,
        _loaded_at as loaded_at,
        {{ changes_through() }} as changes_through_at

    from latest

)

select * from renamed
