with

source as (

    {{ admitted_rows('acd', 'queues') }}

),

latest as (

    {{ dedupe_latest('source', ['queue_id'], 'updated_at desc nulls last, _loaded_at desc, _source_file desc') }}

),

renamed as (

    select
        queue_id,
        queue_name,
        lower(trim(channel)) as channel,
        time_zone,
        coalesce(sl_threshold_seconds, {{ var('default_sl_threshold_seconds') }}) as sl_threshold_seconds,
        coalesce(sl_target, {{ var('default_sl_target') }}) as sl_target,
        coalesce(short_abandon_seconds, {{ var('default_short_abandon_seconds') }}) as short_abandon_seconds,
        updated_at,
        _source_file as source_file,
        _loaded_at as loaded_at

    from latest

)

select * from renamed
