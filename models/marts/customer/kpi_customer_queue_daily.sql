-- grain: one row per queue x local day
{{ config(materialized='view') }}

{#- Customer-facing KPIs per queue x local day, each computed from summed components with the
    macros in macros/kpi/customer.sql (resolution, revenue and conversion from fct_agent_queue_daily; surveys
    from fct_survey_agent_queue_daily; tickets from fct_ticket_agent_queue_daily). Surveys with no
    matching contact appear on rows with a null queue_id (center level). -#}

with

contact_daily as (

    select * from {{ ref('fct_agent_queue_daily') }}

),

survey_daily as (

    select * from {{ ref('fct_survey_agent_queue_daily') }}

),

ticket_daily as (

    select * from {{ ref('fct_ticket_agent_queue_daily') }}

),

contact_kpis as (

    select
        date_day,
        queue_id,
        sum(handled) as handled,
        sum(handled_outbound) as handled_outbound,
        sum(resolved) as resolved,
        sum(fcr_eligible) as fcr_eligible,
        sum(fcr_resolved) as fcr_resolved,
        sum(repeat_within_n) as repeat_within_n,
        sum(sales) as sales,
        sum(revenue_amount) as revenue_amount,
        {{ kpi_call_resolution_rate() }} as call_resolution_rate,
        {{ kpi_fcr() }} as fcr_rate,
        {{ kpi_fcr(variant='disposition') }} as fcr_disposition_rate,
        {{ kpi_fcr(variant='survey') }} as fcr_survey_rate,
        {{ kpi_repeat_contact_rate() }} as repeat_contact_rate,
        {{ kpi_revenue_per_call() }} as revenue_per_call,
        {{ kpi_outbound_conversion_rate() }} as outbound_conversion_rate

    from contact_daily
    group by date_day, queue_id

),

survey_kpis as (

    select
        date_day,
        queue_id,
        sum(survey_responses) as survey_responses,
        sum(csat_responses) as csat_responses,
        sum(nps_responses) as nps_responses,
        sum(ces_responses) as ces_responses,
        {{ kpi_csat() }} as csat,
        {{ kpi_csat(variant='mean') }} as csat_mean_normalised,
        {{ kpi_nps() }} as nps,
        {{ kpi_ces() }} as ces,
        {{ kpi_ces(variant='low_effort_share') }} as ces_low_effort_share

    from survey_daily
    group by date_day, queue_id

),

ticket_kpis as (

    select
        date_day,
        queue_id,
        sum(tickets_created) as tickets_created,
        sum(tickets_replied) as tickets_replied,
        sum(tickets_fully_resolved) as tickets_fully_resolved,
        sum(backlog_tickets) as backlog_tickets,
        {{ kpi_avg_first_response_seconds() }} as avg_first_response_seconds,
        {{ kpi_avg_first_resolution_seconds() }} as avg_first_resolution_seconds,
        {{ kpi_avg_full_resolution_seconds() }} as avg_full_resolution_seconds,
        {{ kpi_ticket_reopen_rate() }} as ticket_reopen_rate

    from ticket_daily
    group by date_day, queue_id

),

keys as (

    select
        date_day,
        queue_id
    from contact_kpis
    union distinct
    select
        date_day,
        queue_id
    from survey_kpis
    union distinct
    select
        date_day,
        queue_id
    from ticket_kpis

),

final as (

    select
        keys.date_day,
        keys.queue_id,
        contact_kpis.handled,
        contact_kpis.resolved,
        contact_kpis.call_resolution_rate,
        contact_kpis.fcr_eligible,
        contact_kpis.fcr_resolved,
        contact_kpis.fcr_rate,
        contact_kpis.fcr_disposition_rate,
        contact_kpis.fcr_survey_rate,
        contact_kpis.repeat_within_n,
        contact_kpis.repeat_contact_rate,
        contact_kpis.revenue_amount,
        contact_kpis.revenue_per_call,
        contact_kpis.handled_outbound,
        contact_kpis.sales,
        contact_kpis.outbound_conversion_rate,
        survey_kpis.survey_responses,
        survey_kpis.csat_responses,
        survey_kpis.csat,
        survey_kpis.csat_mean_normalised,
        survey_kpis.nps_responses,
        survey_kpis.nps,
        survey_kpis.ces_responses,
        survey_kpis.ces,
        survey_kpis.ces_low_effort_share,
        ticket_kpis.tickets_created,
        ticket_kpis.tickets_replied,
        ticket_kpis.avg_first_response_seconds,
        ticket_kpis.avg_first_resolution_seconds,
        ticket_kpis.tickets_fully_resolved,
        ticket_kpis.avg_full_resolution_seconds,
        ticket_kpis.ticket_reopen_rate,
        ticket_kpis.backlog_tickets

    from keys
    left join contact_kpis
        on keys.date_day = contact_kpis.date_day and keys.queue_id is not distinct from contact_kpis.queue_id
    left join survey_kpis
        on keys.date_day = survey_kpis.date_day and keys.queue_id is not distinct from survey_kpis.queue_id
    left join ticket_kpis
        on keys.date_day = ticket_kpis.date_day and keys.queue_id is not distinct from ticket_kpis.queue_id

)

select * from final
