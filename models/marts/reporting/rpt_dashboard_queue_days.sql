-- grain: one row per queue x local day (queue_id null: survey responses and tickets with no queue), plus one row per local day over all queues (is_all_queues)
{{ config(materialized='view') }}

{# The dashboard's daily KPI components per queue: for every KPI its summed numerator and denominator
    (<kpi>_n, <kpi>_d) and, where the formula has a guard, whether it holds (<kpi>_ok), all by the KPI
    macros' parts (kpi_components). The page shows any date range as sum(<kpi>_n) / sum(<kpi>_d) over
    the range's rows, NULL when a row's guard fails: the same value the macro gives over the range's
    summed components (DECISIONLOG: "Dashboard date ranges"). Families: queue access and handling
    (fct_agent_queue_daily), surveys (fct_survey_agent_queue_daily), tickets (fct_ticket_agent_queue_daily;
    backlog is an end-of-day snapshot, never summed over days), forecast, staffing and cost
    (fct_queue_workforce_daily), and what the data covers (fct_queue_coverage_daily). #}

with

contact_days as (

    select
        date_day,
        queue_id,
        {% for c in contact_components()['all'] -%}
            sum({{ c }}) as {{ c }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from {{ ref('fct_agent_queue_daily') }}
    group by date_day, queue_id

),

survey_days as (

    select
        date_day,
        queue_id,
        sum(csat_responses) as csat_responses,
        sum(csat_top_box) as csat_top_box,
        sum(csat_score_sum) as csat_score_sum,
        sum(nps_responses) as nps_responses,
        sum(nps_promoters) as nps_promoters,
        sum(nps_detractors) as nps_detractors,
        sum(ces_responses) as ces_responses,
        sum(ces_score_sum) as ces_score_sum,
        sum(ces_low_effort) as ces_low_effort
    from {{ ref('fct_survey_agent_queue_daily') }}
    -- responses matched to no contact (queue_id null) count in the all-queues rows only
    group by date_day, queue_id

),

ticket_days as (

    select
        date_day,
        queue_id,
        sum(tickets_created) as tickets_created,
        sum(tickets_replied) as tickets_replied,
        sum(first_response_seconds) as first_response_seconds,
        sum(tickets_first_resolved) as tickets_first_resolved,
        sum(first_resolution_seconds) as first_resolution_seconds,
        sum(tickets_reopened) as tickets_reopened,
        sum(tickets_fully_resolved) as tickets_fully_resolved,
        sum(full_resolution_seconds) as full_resolution_seconds,
        sum(backlog_tickets) as backlog_tickets
    from {{ ref('fct_ticket_agent_queue_daily') }}
    group by date_day, queue_id

),

workforce_days as (

    select
        date_day,
        queue_id,
        forecast_intervals,
        forecast_offered,
        actual_offered,
        forecast_abs_error,
        staffing_intervals,
        understaffed_intervals,
        overstaffed_intervals,
        labour_cost,
        non_labour_cost
    from {{ ref('fct_queue_workforce_daily') }}

),

coverage_days as (

    select * from {{ ref('fct_queue_coverage_daily') }}

),

queue_day_keys as (

    select
        date_day,
        queue_id
    from contact_days
    union
    select
        date_day,
        queue_id
    from survey_days
    union
    select
        date_day,
        queue_id
    from ticket_days
    union
    select
        date_day,
        queue_id
    from workforce_days

),

joined as (

    select
        queue_day_keys.date_day,
        queue_day_keys.queue_id,
        {% for c in contact_components()['all'] -%}
            contact_days.{{ c }},
        {% endfor -%}
        survey_days.csat_responses,
        survey_days.csat_top_box,
        survey_days.csat_score_sum,
        survey_days.nps_responses,
        survey_days.nps_promoters,
        survey_days.nps_detractors,
        survey_days.ces_responses,
        survey_days.ces_score_sum,
        survey_days.ces_low_effort,
        ticket_days.tickets_created,
        ticket_days.tickets_replied,
        ticket_days.first_response_seconds,
        ticket_days.tickets_first_resolved,
        ticket_days.first_resolution_seconds,
        ticket_days.tickets_reopened,
        ticket_days.tickets_fully_resolved,
        ticket_days.full_resolution_seconds,
        ticket_days.backlog_tickets,
        workforce_days.forecast_intervals,
        workforce_days.forecast_offered,
        workforce_days.actual_offered,
        workforce_days.forecast_abs_error,
        workforce_days.staffing_intervals,
        workforce_days.understaffed_intervals,
        workforce_days.overstaffed_intervals,
        workforce_days.labour_cost,
        workforce_days.non_labour_cost,
        {{ bool_to_int('coverage_days.has_disposition_data') }} as has_disposition_data,
        {{ bool_to_int('coverage_days.has_transfer_data') }} as has_transfer_data,
        {{ bool_to_int('coverage_days.has_order_data') }} as has_order_data,
        {{ bool_to_int('coverage_days.has_hold_data') }} as has_hold_data,
        {{ bool_to_int('coverage_days.has_acw_data') }} as has_acw_data,
        {{ bool_to_int('coverage_days.has_survey_data') }} as has_survey_data,
        {{ bool_to_int('coverage_days.has_ticket_data') }} as has_ticket_data,
        {{ bool_to_int('coverage_days.has_schedule_data') }} as has_schedule_data,
        {{ bool_to_int('coverage_days.has_forecast_data') }} as has_forecast_data
    from queue_day_keys
    left join contact_days
        on queue_day_keys.date_day = contact_days.date_day and queue_day_keys.queue_id = contact_days.queue_id
    left join survey_days
        on
            queue_day_keys.date_day = survey_days.date_day
            and queue_day_keys.queue_id is not distinct from survey_days.queue_id
    left join ticket_days
        on
            queue_day_keys.date_day = ticket_days.date_day
            and queue_day_keys.queue_id is not distinct from ticket_days.queue_id
    left join workforce_days
        on
            queue_day_keys.date_day = workforce_days.date_day
            and queue_day_keys.queue_id = workforce_days.queue_id
    left join coverage_days
        on queue_day_keys.date_day = coverage_days.date_day and queue_day_keys.queue_id = coverage_days.queue_id

),

rolled as (

    select
        date_day,
        queue_id,
        grouping(queue_id) = 1 as is_all_queues,
        cast(coalesce(sum(offered), 0) as {{ dbt.type_bigint() }}) as offered,
        cast(coalesce(sum(answered), 0) as {{ dbt.type_bigint() }}) as answered,
        cast(coalesce(sum(abandoned), 0) as {{ dbt.type_bigint() }}) as abandoned,
        cast(coalesce(sum(handled), 0) as {{ dbt.type_bigint() }}) as handled,
        cast(coalesce(sum(handled_outbound), 0) as {{ dbt.type_bigint() }}) as handled_outbound,
        cast(coalesce(sum(tickets_created), 0) as {{ dbt.type_bigint() }}) as tickets_created,
        cast(sum(backlog_tickets) as {{ dbt.type_bigint() }}) as backlog_tickets,
        cast(sum(forecast_offered) as double) as forecast_offered,
        cast(sum(actual_offered) as double) as actual_offered,
        cast(sum(forecast_intervals) as {{ dbt.type_bigint() }}) as forecast_intervals,
        cast(sum(labour_cost) + sum(non_labour_cost) as double) as total_cost,
        {{ kpi_components(kpi_service_level_parts(), 'service_level') }},
        {{ kpi_components(kpi_asa_parts(), 'asa_seconds') }},
        {{ kpi_components(kpi_abandonment_rate_parts(), 'abandonment_rate') }},
        {{ kpi_components(kpi_answer_rate_parts(), 'answer_rate') }},
        {{ kpi_components(kpi_aht_parts(), 'aht_seconds') }},
        {{ kpi_components(kpi_hold_rate_parts(), 'hold_rate') }},
        {{ kpi_components(kpi_transfer_rate_parts(), 'transfer_rate') }},
        {{ kpi_components(kpi_fcr_parts(), 'fcr_rate') }},
        {{ kpi_components(kpi_call_resolution_rate_parts(), 'call_resolution_rate') }},
        {{ kpi_components(kpi_outbound_conversion_rate_parts(), 'outbound_conversion_rate') }},
        {{ kpi_components(kpi_revenue_per_call_parts(), 'revenue_per_call') }},
        {{ kpi_components(kpi_csat_parts(), 'csat') }},
        {{ kpi_components(kpi_nps_parts(), 'nps') }},
        {{ kpi_components(kpi_ces_parts(), 'ces') }},
        {{ kpi_components(kpi_avg_first_response_seconds_parts(), 'first_response_seconds') }},
        {{ kpi_components(kpi_avg_full_resolution_seconds_parts(), 'full_resolution_seconds') }},
        {{ kpi_components(kpi_ticket_reopen_rate_parts(), 'ticket_reopen_rate') }},
        {{ kpi_components(kpi_wape_parts(), 'wape') }},
        {{ kpi_components(kpi_forecast_bias_parts(), 'forecast_bias') }},
        {{ kpi_components(kpi_understaffed_share_parts(), 'understaffed_share') }},
        {{ kpi_components(kpi_cost_per_contact_parts(), 'cost_per_contact') }},
        max(has_disposition_data) as has_disposition_data,
        max(has_transfer_data) as has_transfer_data,
        max(has_order_data) as has_order_data,
        max(has_hold_data) as has_hold_data,
        max(has_acw_data) as has_acw_data,
        max(has_survey_data) as has_survey_data,
        max(has_ticket_data) as has_ticket_data,
        max(has_schedule_data) as has_schedule_data,
        max(has_forecast_data) as has_forecast_data

    from joined
    -- the rows per queue_id, and one row over all of them (rollup)
    group by date_day, rollup(queue_id)

)

select * from rolled
