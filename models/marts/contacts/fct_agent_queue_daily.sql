-- grain: one row per agent x queue x local day (agent_id null: abandoned or never-routed contacts)
{# Core KPI fact: additive components per agent x queue x local day (KPI catalog rule 2).
    Abandoned and never-routed contacts sit on the row with a null agent_id. The sums are
    int_agent_queue_days_summed's (rebuilt by day); this view shows them. -#}

{{ config(materialized='view') }}

with

agent_queue_days as (

    select * from {{ ref('int_agent_queue_days_summed') }}

)

select * from agent_queue_days
