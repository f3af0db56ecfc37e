-- grain: one row per agent x local 30-minute interval (the agent's time zone)
{# Agent time per agent x local 30-minute interval (the agent's time zone): state seconds, schedule
    seconds and adherence, with paid_seconds = adherent + exception_not_logged_in +
    exception_wrong_state in every row. The sums and derivations are int_agent_intervals_summed's
    (rebuilt by day); this view shows its columns without the build's lineage. -#}

{{ config(materialized='view') }}

with

intervals as (

    select * from {{ ref('int_agent_intervals_summed') }}

),

final as (

    select
        agent_id,
        date_day,
        interval_start_local,
        time_zone,
        {% for c in workforce_agent_components() -%}
            {{ c }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from intervals

)

select * from final
