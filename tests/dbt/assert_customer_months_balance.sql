-- The monthly customer base balances: E = S + N - churned, each month's S is the previous month's E,
-- and the first month's S equals a direct count of the customers active at its start. Returns the
-- violations.

with

monthly as (

    select * from {{ ref('fct_customers_monthly') }}

),

customers as (

    select * from {{ ref('stg_crm__customers') }}

),

sequenced as (

    select
        month_start_date,
        customers_start,
        new_customers,
        churned_customers,
        customers_end,
        lag(customers_end) over (order by month_start_date) as previous_customers_end,
        row_number() over (order by month_start_date) as month_number
    from monthly

),

first_month as (

    select
        month_start_date,
        customers_start
    from sequenced
    where month_number = 1

),

active_at_first_month as (

    select count(*) as customers_active
    from customers
    cross join first_month
    where
        cast({{ to_local_timestamp('customers.became_customer_at', "'" ~ var('center_time_zone') ~ "'") }} as date)
        < first_month.month_start_date
        and (
            customers.churned_at is null
            or cast({{ to_local_timestamp('customers.churned_at', "'" ~ var('center_time_zone') ~ "'") }} as date)
            >= first_month.month_start_date
        )

),

violations as (

    select
        month_start_date,
        'E != S + N - churned' as violation
    from sequenced
    where customers_end != customers_start + new_customers - churned_customers

    union all

    select
        month_start_date,
        'S != previous E' as violation
    from sequenced
    where previous_customers_end is not null and customers_start != previous_customers_end

    union all

    select
        first_month.month_start_date,
        'first S != customers active at its start' as violation
    from first_month
    cross join active_at_first_month
    where first_month.customers_start != active_at_first_month.customers_active

)

select * from violations
