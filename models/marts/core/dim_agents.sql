-- grain: one row per agent (rostered, or seen in contacts without a roster entry)
{# Current version of every agent on the roster, plus agents seen in contacts or states but missing
    from the roster (kept with null attributes so facts never lose their agent). -#}

with

current_versions as (

    select * from {{ ref('int_agents_current') }}

),

contacts as (

    select * from {{ ref('stg_acd__contacts') }}

),

seen_in_contacts as (

    select distinct agent_id
    from contacts
    where agent_id is not null

),

unrostered as (

    select seen_in_contacts.agent_id
    from seen_in_contacts
    left join current_versions
        on seen_in_contacts.agent_id = current_versions.agent_id
    where current_versions.agent_id is null

),

final as (

    select
        agent_id,
        agent_name,
        team,
        site,
        hire_date,
        termination_date,
        termination_reason,
        hourly_cost,
        true as is_rostered
    from current_versions

    union all

    select
        agent_id,
        cast(null as {{ dbt.type_string() }}) as agent_name,
        cast(null as {{ dbt.type_string() }}) as team,
        cast(null as {{ dbt.type_string() }}) as site,
        cast(null as date) as hire_date,
        cast(null as date) as termination_date,
        cast(null as {{ dbt.type_string() }}) as termination_reason,
        cast(null as double) as hourly_cost,
        false as is_rostered
    from unrostered

)

select * from final
