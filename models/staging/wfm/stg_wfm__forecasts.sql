with

source as (

    {{ admitted_rows('wfm', 'forecasts') }}

),

latest as (

    {{ dedupe_latest(
        'source',
        ['queue_id', 'interval_start', 'forecast_created_at'],
        '_loaded_at desc, _source_file desc'
    ) }}

),

renamed as (

    select
        queue_id,
        interval_start as interval_start_at,
        forecast_created_at,
        interval_minutes,
        forecast_contacts,
        forecast_aht_seconds,
        _source_file as source_file,
        _loaded_at as loaded_at

    from latest

)

select * from renamed
