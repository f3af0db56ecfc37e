-- grain: one row per queue x local day x local time of day, plus one per local day x time of day over all queues
{{ config(materialized='view') }}

{# The dashboard's intraday heat maps: service level and ASA components (kpi_components) per queue and
    local 30-minute interval from fct_queue_intervals, and Erlang C agents required against agents
    scheduled on queue from fct_queue_workforce_intervals (real-time queues only), with the gap
    scheduled - required (negative = understaffed). #}

with

intervals as (

    select * from {{ ref('fct_queue_intervals') }}

),

staffing as (

    select
        queue_id,
        interval_start_local,
        date_day,
        required_agents,
        scheduled_agents
    from {{ ref('fct_queue_workforce_intervals') }}
    where is_realtime

),

interval_keys as (

    select
        queue_id,
        interval_start_local,
        date_day
    from intervals
    union
    select
        queue_id,
        interval_start_local,
        date_day
    from staffing

),

joined as (

    select
        interval_keys.queue_id,
        interval_keys.date_day,
        {{ time_of_day('interval_keys.interval_start_local') }} as time_of_day,
        intervals.offered,
        intervals.answered,
        intervals.abandoned,
        intervals.abandoned_short,
        intervals.abandoned_timed,
        intervals.answered_within_t,
        intervals.abandoned_within_t,
        {% for t in var('sl_reported_thresholds') -%}
            intervals.answered_within_{{ t }}s,
            intervals.abandoned_within_{{ t }}s,
        {% endfor -%}
        intervals.wait_seconds_answered,
        staffing.required_agents,
        staffing.scheduled_agents
    from interval_keys
    left join intervals
        on
            interval_keys.queue_id = intervals.queue_id
            and interval_keys.interval_start_local = intervals.interval_start_local
    left join staffing
        on
            interval_keys.queue_id = staffing.queue_id
            and interval_keys.interval_start_local = staffing.interval_start_local

),

rolled as (

    select
        date_day,
        time_of_day,
        queue_id,
        grouping(queue_id) = 1 as is_all_queues,
        cast(coalesce(sum(offered), 0) as {{ dbt.type_bigint() }}) as offered,
        cast(coalesce(sum(answered), 0) as {{ dbt.type_bigint() }}) as answered,
        {{ kpi_components(kpi_service_level_parts(), 'service_level') }},
        {{ kpi_components(kpi_asa_parts(), 'asa_seconds') }},
        cast(sum(required_agents) as double) as required_agents,
        cast(sum(scheduled_agents) as double) as scheduled_agents,
        cast(sum(scheduled_agents) - sum(required_agents) as double) as staffing_gap_agents

    from joined
    -- the rows per queue_id, and one row over all of them (rollup)
    group by date_day, time_of_day, rollup(queue_id)

)

select * from rolled
