with

source as (

    {{ admitted_rows('hr', 'agents') }}

),

latest as (

    {{ dedupe_latest('source', ['agent_id', 'updated_at'], '_loaded_at desc, _source_file desc') }}

),

renamed as (

    select
        agent_id,
        updated_at,
        agent_name,
        team,
        site,
        hire_date,
        termination_date,
        lower(trim(termination_reason)) as termination_reason,
        hourly_cost,
        _source_file as source_file,
        _loaded_at as loaded_at

    from latest

)

select * from renamed
