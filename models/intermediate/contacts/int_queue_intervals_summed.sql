{#- The contact components (int_contact_components_attributed) summed per queue x local 30-minute
    interval (the queue's time zone). fct_queue_intervals shows it; int_queue_workload_intervals takes
    its actuals from it. Sums of these rows equal the queue's rows in int_agent_queue_days_summed.
    Rebuilt by day: the days the contact legs landed since loaded_through_at touched
    (incremental_day_filter). -#}

{{ config(**day_incremental()) }}
-- depends_on: {{ ref('int_contact_legs_measured') }}
-- depends_on: {{ ref('int_contact_legs_superseded_days') }}

with

components as (

    select * from {{ ref('int_contact_components_attributed') }}

),

watermark as (

    -- the latest contact landing this build includes (the incremental watermark)
    select max(loaded_at) as loaded_through_at
    from {{ ref('int_contact_legs_measured') }}

),

aggregated as (

    select
        queue_id,
        interval_start_local,
        date_day,
        {% set measures = contact_components()['double'] -%}
        {% for c in contact_components()['all'] -%}
            cast(sum({{ c }}) as {{ "double" if c in measures else dbt.type_bigint() }}) as {{ c }},
        {% endfor -%}
        cast(max(max_wait_seconds) as double) as max_wait_seconds,
        (select watermark.loaded_through_at from watermark) as loaded_through_at

    from components
    where {{ incremental_day_filter() }}
    group by queue_id, interval_start_local, date_day

)

select * from aggregated
