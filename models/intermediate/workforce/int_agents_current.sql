{#- The current version of every rostered agent: the latest roster version by updated_at (then by
    load time). Derived once here for the time-zone rules, dim_agents and fct_team_monthly. -#}

with

agent_versions as (

    select * from {{ ref('stg_hr__agents') }}

),

current_versions as (

    {{ dedupe_latest('agent_versions', ['agent_id'], 'updated_at desc nulls last, loaded_at desc') }}

)

select * from current_versions
