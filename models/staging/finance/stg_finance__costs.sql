with

source as (

    {{ admitted_rows('finance', 'costs') }}

),

latest as (

    {{ dedupe_latest('source', ['cost_date', 'site', 'category'], '_loaded_at desc, _source_file desc') }}

),

renamed as (

    select
        cost_date,
        site,
        lower(trim(category)) as category,
        amount,
        _source_file as source_file,
        _loaded_at as loaded_at

    from latest

)

select * from renamed
