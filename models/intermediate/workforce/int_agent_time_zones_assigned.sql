{#- One IANA time zone per agent, in which the agent's days and intervals are reported:
    1. the agent's site in var workforce_site_time_zones, when configured;
    2. else the zone of the queue the agent is scheduled on_queue for most (all history; ties: queue_id);
    3. else the zone of the queue in which the agent handled most contact legs;
    4. else the zone most agents of the same site got from rules 2-3 (ties: zone name);
    5. else UTC. time_zone_source says which rule applied. -#}

with

current_versions as (

    select * from {{ ref('int_agents_current') }}

),

schedules as (

    select * from {{ ref('stg_wfm__schedules') }}

),

states as (

    select * from {{ ref('stg_acd__agent_states') }}

),

contacts as (

    select * from {{ ref('stg_acd__contacts') }}

),

queues as (

    select * from {{ ref('stg_acd__queues') }}

),

all_agents as (

    select agent_id from current_versions
    union
    select agent_id from schedules
    union
    select agent_id from states
    union
    select agent_id
    from contacts
    where agent_id is not null and connected_at is not null

),

scheduled_queues as (

    select
        schedules.agent_id,
        queues.time_zone,
        row_number() over (
            partition by schedules.agent_id
            order by sum(schedules.scheduled_seconds) desc, schedules.queue_id
        ) as queue_rank
    from schedules
    inner join queues
        on schedules.queue_id = queues.queue_id
    where schedules.activity = 'on_queue'
    group by schedules.agent_id, schedules.queue_id, queues.time_zone

),

handled_queues as (

    select
        contacts.agent_id,
        queues.time_zone,
        row_number() over (
            partition by contacts.agent_id
            order by count(*) desc, contacts.queue_id
        ) as queue_rank
    from contacts
    inner join queues
        on contacts.queue_id = queues.queue_id
    where contacts.agent_id is not null and contacts.connected_at is not null
    group by contacts.agent_id, contacts.queue_id, queues.time_zone

),

site_zones as (

    select
        agent_id,
        site,
        {% set site_map = var('workforce_site_time_zones') -%}
        {%- if site_map -%}
            case site
                {%- for site_name, zone in site_map | dictsort %}
                when '{{ site_name }}' then '{{ zone }}'
                {%- endfor %}
            end
        {%- else -%}
            cast(null as {{ dbt.type_string() }})
        {%- endif %} as time_zone
    from current_versions

),

from_queues as (

    select
        all_agents.agent_id,
        site_zones.site,
        site_zones.time_zone as site_map_time_zone,
        coalesce(scheduled_queues.time_zone, handled_queues.time_zone) as queue_time_zone,
        case
            when scheduled_queues.time_zone is not null then 'scheduled_queue'
            when handled_queues.time_zone is not null then 'handled_queue'
        end as queue_time_zone_source

    from all_agents
    left join site_zones
        on all_agents.agent_id = site_zones.agent_id
    left join scheduled_queues
        on all_agents.agent_id = scheduled_queues.agent_id and scheduled_queues.queue_rank = 1
    left join handled_queues
        on all_agents.agent_id = handled_queues.agent_id and handled_queues.queue_rank = 1

),

site_majority as (

    select
        site,
        queue_time_zone as time_zone,
        row_number() over (partition by site order by count(*) desc, queue_time_zone) as zone_rank

    from from_queues
    where site is not null and queue_time_zone is not null
    group by site, queue_time_zone

),

final as (

    select
        from_queues.agent_id,
        from_queues.site,
        coalesce(
            from_queues.site_map_time_zone, from_queues.queue_time_zone, site_majority.time_zone, 'UTC'
        ) as time_zone,
        case
            when from_queues.site_map_time_zone is not null then 'site_map'
            when from_queues.queue_time_zone is not null then from_queues.queue_time_zone_source
            when site_majority.time_zone is not null then 'site_majority'
            else 'default'
        end as time_zone_source

    from from_queues
    left join site_majority
        on from_queues.site = site_majority.site and site_majority.zone_rank = 1

)

select * from final
