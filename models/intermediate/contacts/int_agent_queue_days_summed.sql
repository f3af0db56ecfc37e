{#- The contact components (int_contact_components_attributed) summed per agent x queue x local day:
    abandoned and never-routed contacts on the row with a null agent_id. fct_agent_queue_daily shows
    it; int_agent_days_costed (the days an agent handled contacts) and int_costs_allocated (handle-time
    weights) read it instead of re-evaluating the components view over every leg. Rebuilt by day:
    the days the contact legs landed since loaded_through_at touched (incremental_day_filter). -#}

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
        date_day,
        queue_id,
        agent_id,
        {% set measures = contact_components()['double'] -%}
        {% for c in contact_components()['all'] -%}
            cast(sum({{ c }}) as {{ "double" if c in measures else dbt.type_bigint() }}) as {{ c }},
        {% endfor -%}
        cast(max(max_wait_seconds) as double) as max_wait_seconds,
        (select watermark.loaded_through_at from watermark) as loaded_through_at

    from components
    where {{ incremental_day_filter() }}
    group by date_day, queue_id, agent_id

)

select * from aggregated
