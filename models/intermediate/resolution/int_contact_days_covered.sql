{#- One row per day (in var('center_time_zone')) with at least one contact leg: the days the data
    covers, each with the first coverage-gap day on or after it, and the latest data. What decides
    whether a customer contact's repeat window has passed (int_customer_contacts_resolved).

    A stretch of more than var('fcr_coverage_max_closed_days') consecutive days without any contact
    leg, between two days that have contacts, is a coverage gap (a delivery that skips months), while
    shorter stretches are closures (weekends, holidays). null turns the gap rule off. -#}

{%- set max_closed_days = var('fcr_coverage_max_closed_days', 3) %}
{%- set center_zone = "'" ~ var('center_time_zone') ~ "'" %}

with

legs as (

    select * from {{ ref('int_contact_legs_measured') }}

),

tickets as (

    select * from {{ ref('int_tickets_measured') }}

),

watermark as (

    -- the latest data: both sources must be complete up to it before a window counts as passed
    select
        least(
            (select max(initiated_at) from legs),
            coalesce((select max(created_at) from tickets), (select max(initiated_at) from legs))
        ) as data_through_at

),

contact_days as (

    select distinct
        cast({{ to_local_timestamp('initiated_at', center_zone) }} as date) as covered_day
    from legs

),

contact_day_next as (

    select
        covered_day,
        lead(covered_day) over (order by covered_day) as next_covered_day

    from contact_days

),

contact_day_steps as (

    select
        covered_day,
        -- whole days strictly between two covered days (86,400 s each: dates carry no time of day)
        {{ seconds_between('cast(covered_day as timestamp)', 'cast(next_covered_day as timestamp)') }} / 86400 - 1
            as empty_days

    from contact_day_next

),

gap_starts as (

    -- a covered day followed by more than max_closed_days days without contacts starts a gap the next
    -- day (a comparison with null, the rule switched off, never starts one)
    select
        covered_day,
        case
            when empty_days > {{ max_closed_days if max_closed_days is not none else 'null' }}
                then cast({{ dbt.dateadd('day', 1, 'covered_day') }} as date)
        end as gap_starts_on

    from contact_day_steps

),

final as (

    -- the first gap day on or after each covered day (null: no gap before the end of the data)
    select
        gap_starts.covered_day,
        cast(min(gap_starts.gap_starts_on) over (
            order by gap_starts.covered_day rows between current row and unbounded following
        ) as date) as next_gap_day,
        watermark.data_through_at

    from gap_starts
    cross join watermark

)

select * from final
