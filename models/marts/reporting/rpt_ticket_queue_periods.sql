-- grain: one row per help-desk queue over all the data, plus one row over all queues (is_all_queues)
{{ config(materialized='view') }}

{# Report-shaped ticket KPIs over the whole period (the real-data console's help-desk table), by the
    KPI macros over summed fct_ticket_agent_queue_daily components; tickets still open at the end come
    from fct_tickets. #}

with

ticket_sums as (

    select
        queue_id,
        sum(tickets_created) as tickets_created,
        sum(tickets_replied) as tickets_replied,
        sum(first_response_seconds) as first_response_seconds,
        sum(tickets_first_resolved) as tickets_first_resolved,
        sum(first_resolution_seconds) as first_resolution_seconds,
        sum(tickets_fully_resolved) as tickets_fully_resolved,
        sum(full_resolution_seconds) as full_resolution_seconds,
        sum(tickets_reopened) as tickets_reopened,
        sum(ticket_reopens) as ticket_reopens
    from {{ ref('fct_ticket_agent_queue_daily') }}
    group by queue_id

),

open_at_end as (

    select
        queue_id,
        sum({{ bool_to_int('not is_fully_resolved') }}) as tickets_open
    from {{ ref('fct_tickets') }}
    group by queue_id

),

joined as (

    select
        ticket_sums.*,
        coalesce(open_at_end.tickets_open, 0) as tickets_open
    from ticket_sums
    left join open_at_end
        on ticket_sums.queue_id is not distinct from open_at_end.queue_id

),

rolled as (

    select
        queue_id,
        grouping(queue_id) = 1 as is_all_queues,
        cast(sum(tickets_created) as {{ dbt.type_bigint() }}) as tickets_created,
        cast(sum(tickets_replied) as {{ dbt.type_bigint() }}) as tickets_replied,
        cast(sum(tickets_first_resolved) as {{ dbt.type_bigint() }}) as tickets_first_resolved,
        cast(sum(tickets_fully_resolved) as {{ dbt.type_bigint() }}) as tickets_fully_resolved,
        cast(sum(tickets_reopened) as {{ dbt.type_bigint() }}) as tickets_reopened,
        cast(sum(ticket_reopens) as {{ dbt.type_bigint() }}) as ticket_reopens,
        cast(sum(tickets_open) as {{ dbt.type_bigint() }}) as tickets_open,
        {{ kpi_avg_first_response_seconds() }} as avg_first_response_seconds,
        {{ kpi_avg_first_resolution_seconds() }} as avg_first_resolution_seconds,
        {{ kpi_avg_full_resolution_seconds() }} as avg_full_resolution_seconds,
        {{ kpi_ticket_reopen_rate() }} as ticket_reopen_rate

    from joined
    -- the rows per queue_id, and one row over all of them (rollup)
    group by rollup(queue_id)

)

select * from rolled
