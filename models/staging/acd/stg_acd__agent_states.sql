{#- A table, not a view like the small staging models: the quarantine anti-join and the latest-version
    window run once per build instead of once per reader (every data test, dim_date and the
    intermediate models each re-ran them; see DECISIONLOG "Performance"). -#}
{{ config(materialized='table') }}

with

source as (

    {{ admitted_rows('acd', 'agent_states') }}

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
        _source_file as source_file,
        _loaded_at as loaded_at

    from latest

)

select * from renamed
