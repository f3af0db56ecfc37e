{#- Roster versions with validity windows, for point-in-time team, site and hourly cost:
    [valid_from_at, valid_to_at), the first version open to the past (valid_from_at null) so every
    instant has exactly one version, the last open to the future (valid_to_at null). -#}

with

agent_versions as (

    select * from {{ ref('stg_hr__agents') }}

),

ordered as (

    select
        agent_id,
        updated_at,
        team,
        site,
        hourly_cost,
        row_number() over (partition by agent_id order by updated_at, loaded_at) as version_number,
        lead(updated_at) over (partition by agent_id order by updated_at, loaded_at) as valid_to_at

    from agent_versions

),

final as (

    select
        agent_id,
        version_number,
        case when version_number > 1 then updated_at end as valid_from_at,
        valid_to_at,
        updated_at,
        team,
        site,
        hourly_cost

    from ordered

)

select * from final
