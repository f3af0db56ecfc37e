with

source as (

    {{ admitted_rows('crm', 'customers') }}

),

latest as (

    {{ dedupe_latest('source', ['customer_id'], 'updated_at desc nulls last, _loaded_at desc, _source_file desc') }}

),

renamed as (

    select
        customer_id,
        became_customer_at,
        churned_at,
        segment,
        updated_at,
        _source_file as source_file,
        _loaded_at as loaded_at

    from latest

)

select * from renamed
