-- grain: one row per queue
with

queues as (

    select * from {{ ref('stg_acd__queues') }}

),

final as (

    select
        queue_id,
        queue_name,
        channel,
        time_zone,
        sl_threshold_seconds,
        sl_target,
        short_abandon_seconds,
        updated_at

    from queues

)

select * from final
