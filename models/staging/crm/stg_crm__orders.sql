with

source as (

    {{ admitted_rows('crm', 'orders') }}

),

latest as (

    {{ dedupe_latest('source', ['order_id'], '_loaded_at desc, _source_file desc') }}

),

renamed as (

    select
        order_id,
        customer_id,
        contact_id,
        ordered_at,
        amount,
        _source_file as source_file,
        _loaded_at as loaded_at

    from latest

)

select * from renamed
