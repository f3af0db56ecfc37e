with

source as (

    {{ admitted_rows('hr', 'employee_surveys') }}

),

latest as (

    {{ dedupe_latest('source', ['response_id'], '_loaded_at desc, _source_file desc') }}

),

renamed as (

    select
        response_id,
        agent_id,
        responded_at,
        esat_score,
        enps_score,
        _source_file as source_file,
        _loaded_at as loaded_at

    from latest

)

select * from renamed
