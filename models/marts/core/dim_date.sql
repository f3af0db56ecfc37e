{#- One row per local calendar day from the first to the last day with contacts, padded by the
    FCR window so late repeats have a day to land on. -#}

with

contacts as (

    select * from {{ ref('int_contact_legs_measured') }}

),

bounds as (

    select
        min(least(coalesce(queue_date, handled_date), coalesce(handled_date, queue_date))) as first_day,
        max(greatest(coalesce(queue_date, handled_date), coalesce(handled_date, queue_date))) as last_day
    from contacts

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
        extract(year from date_day) as year_number,
        extract(month from date_day) as month_of_year,
        extract(isodow from date_day) as iso_day_of_week,
        dayname(date_day) as day_name,
        cast({{ dbt.date_trunc('week', 'date_day') }} as date) as week_start_date,
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start_date,
        extract(isodow from date_day) in (6, 7) as is_weekend

    from spine

)

select * from final
