with

source as (

    {{ admitted_rows('counts', 'interval_arrivals') }}

),

latest as (

    {{ dedupe_latest('source', ['center_id', 'interval_start'], '_loaded_at desc, _source_file desc') }}

),

renamed as (

    select
        center_id,
        interval_start as interval_start_at,
        {{ to_local_timestamp('interval_start', 'time_zone') }} as interval_start_local,
        interval_minutes,
        time_zone,
        arrivals,
        coalesce(is_imputed, false) as is_imputed,
        _source_file as source_file,
        _loaded_at as loaded_at

    from latest

)

select * from renamed
