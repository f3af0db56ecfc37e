{#- Core KPI fact: additive components per agent x queue x local day (KPI catalog rule 2).
    Abandoned and never-routed contacts sit on the row with a null agent_id. -#}

with

components as (

    select * from {{ ref('int_contact_components_attributed') }}

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
        cast(max(max_wait_seconds) as double) as max_wait_seconds

    from components
    group by date_day, queue_id, agent_id

)

select * from aggregated
