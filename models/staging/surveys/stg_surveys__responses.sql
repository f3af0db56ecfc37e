with

source as (

    {{ admitted_rows('surveys', 'surveys') }}

),

latest as (

    {{ dedupe_latest('source', ['survey_response_id'], '_loaded_at desc, _source_file desc') }}

),

renamed as (

    select
        survey_response_id,
        contact_id,
        customer_id,
        lower(trim(survey_type)) as survey_type,
        score,
        scale_min,
        scale_max,
        responded_at,
        _source_file as source_file,
        _loaded_at as loaded_at

    from latest

)

select * from renamed
