-- grain: one row per calendar day
{# One row per calendar day covering every day a fact can land on: contact legs (local days),
    tickets and surveys (whose backlog and response days can run past the last contact), agent
    states, schedules (published ahead) and costs, widened
    by a day each side for time zones and padded by the FCR window so late repeats have a day. -#}

with

contacts as (

    select * from {{ ref('int_contact_legs_measured') }}

),

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}

),

surveys as (

    select * from {{ ref('stg_surveys__responses') }}

),

agent_states as (

    select * from {{ ref('stg_acd__agent_states') }}

),

schedules as (

    select * from {{ ref('stg_wfm__schedules') }}

),

costs as (

    select * from {{ ref('stg_finance__costs') }}

),

event_days as (

    select
        least(queue_date, handled_date) as first_day,
        greatest(queue_date, handled_date) as last_day
    from contacts
    union all
    select
        cast(created_at as date) as first_day,
        cast(greatest(created_at, coalesce(last_resolved_at, created_at), updated_at) as date) as last_day
    from tickets
    union all
    select
        cast(responded_at as date) as first_day,
        cast(responded_at as date) as last_day
    from surveys
    union all
    select
        cast(min(state_started_at) as date) as first_day,
        cast(max(state_ended_at) as date) as last_day
    from agent_states
    union all
    select
        cast(min(starts_at) as date) as first_day,
        cast(max(ends_at) as date) as last_day
    from schedules
    union all
    select
        min(cost_date) as first_day,
        max(cost_date) as last_day
    from costs

),

bounds as (

    select
        min(first_day) - 1 as first_day,
        max(last_day) + {{ var('fcr_repeat_window_days') }} + 1 as last_day
    from event_days

),

spine as (

    {{ date_spine(
        "(select coalesce(first_day, current_date) from bounds)",
        "(select coalesce(last_day, current_date) from bounds)"
    ) }}

),

final as (

    select
        date_day,
        cast(extract(year from date_day) as {{ dbt.type_bigint() }}) as year_number,
        cast(extract(month from date_day) as {{ dbt.type_bigint() }}) as month_of_year,
        {{ iso_day_of_week('date_day') }} as iso_day_of_week,
        {{ day_name('date_day') }} as day_name,
        cast({{ dbt.date_trunc('week', 'date_day') }} as date) as week_start_date,
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start_date,
        {{ iso_day_of_week('date_day') }} in (6, 7) as is_weekend

    from spine

)

select * from final
