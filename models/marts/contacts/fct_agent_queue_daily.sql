-- grain: one row per agent x queue x local day (agent_id null: abandoned or never-routed contacts)
{# Core KPI fact: additive components per agent x queue x local day (KPI catalog rule 2).
    Abandoned and never-routed contacts sit on the row with a null agent_id. -#}

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
