-- grain: one row per queue x KPI with a target, plus one row per KPI for the center (queue_id null)
{{ config(materialized='view') }}

{# The targets the dashboard draws: per queue, the queue's own service-level target (dim_queues), else
    the queue channel's target (seed channel_kpi_targets), else the center-wide target (seed kpi_targets);
    and the center-wide target itself on the rows with no queue (all queues, center panels). #}

with

center_targets as (

    select * from {{ ref('kpi_targets') }}

),

channel_targets as (

    select * from {{ ref('channel_kpi_targets') }}

),

queues as (

    select * from {{ ref('dim_queues') }}

),

queue_targets as (

    select
        queues.queue_id,
        center_targets.kpi_name,
        center_targets.kpi_label,
        center_targets.better_when,
        center_targets.unit,
        coalesce(
            case when center_targets.kpi_name = 'service_level' then queues.sl_target end,
            channel_targets.target_value,
            center_targets.target_value
        ) as target_value,
        case
            when center_targets.kpi_name = 'service_level' and queues.sl_target is not null then 'queue'
            when channel_targets.target_value is not null then 'channel'
            else 'center'
        end as target_source
    from queues
    cross join center_targets
    left join channel_targets
        on queues.channel = channel_targets.channel and center_targets.kpi_name = channel_targets.kpi_name

),

center_rows as (

    select
        cast(null as {{ dbt.type_string() }}) as queue_id,
        kpi_name,
        kpi_label,
        better_when,
        unit,
        target_value,
        'center' as target_source
    from center_targets

),

final as (

    select * from queue_targets
    union all
    select * from center_rows

)

select * from final
