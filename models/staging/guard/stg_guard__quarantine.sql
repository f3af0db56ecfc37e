with

source as (

    select * from {{ source('guard', 'quarantine') }}

),

latest as (

    {{ dedupe_latest(
        'source',
        ['table_name', 'source_file', 'source_row', 'reason_code'],
        '_loaded_at desc, _source_file desc'
    ) }}

),

renamed as (

    select
        table_name,
        source_file,
        source_row,
        reason_code,
        reason,
        record,
        _source_file as landed_file,
        _loaded_at as loaded_at

    from latest

)

select * from renamed
