-- grain: one row per calendar month (center level)
{# Customer base and purchases per calendar month (var center_time_zone), center level, for every
    month the contact data touches. Stocks: customers_start (S, active at the month's start) and
    customers_end (E, active at its end, as of the latest data); flows: new_customers (N),
    churned_customers, orders and revenue. S comes from a running sum over the whole customer history,
    so E = S + N - churned. Retention and CLV are not additive: recompute them from these components. -#}

{%- set tz = "'" ~ var('center_time_zone') ~ "'" %}

with

customers as (

    select * from {{ ref('stg_crm__customers') }}

),

orders as (

    select * from {{ ref('int_orders_attributed') }}

),

legs as (

    select * from {{ ref('int_contact_legs_measured') }}

),

customer_events as (

    select
        cast({{ dbt.date_trunc('month', to_local_timestamp('became_customer_at', tz)) }} as date)
            as month_start_date,
        1 as new_customers,
        0 as churned_customers

    from customers
    where became_customer_at is not null

    union all

    select
        cast({{ dbt.date_trunc('month', to_local_timestamp('churned_at', tz)) }} as date) as month_start_date,
        0 as new_customers,
        1 as churned_customers

    from customers
    where churned_at is not null and became_customer_at is not null

),

monthly_customer_events as (

    select
        month_start_date,
        sum(new_customers) as new_customers,
        sum(churned_customers) as churned_customers

    from customer_events
    group by month_start_date

),

monthly_orders as (

    select
        order_month as month_start_date,
        count(*) as orders,
        sum({{ bool_to_int('is_contact_attributed') }}) as orders_contact_attributed,
        sum(amount) as revenue_amount,
        sum(case when is_contact_attributed then amount else 0 end) as revenue_amount_contact_attributed

    from orders
    group by order_month

),

activity_instants as (

    select initiated_at as activity_at from legs
    union all
    select ordered_at as activity_at from orders

),

activity as (

    -- the months reported: those the contact and order data touch, in the center's time zone
    select
        cast({{ to_local_timestamp('min(activity_at)', tz) }} as date) as first_day,
        cast({{ to_local_timestamp('max(activity_at)', tz) }} as date) as last_day

    from activity_instants

),

bounds as (

    select
        least(
            (select min(month_start_date) from monthly_customer_events),
            (select cast({{ dbt.date_trunc('month', 'first_day') }} as date) from activity)
        ) as first_month,
        (select last_day from activity) as last_day

),

days as (

    {{ date_spine("(select first_month from bounds)", "(select last_day from bounds)") }}

),

months as (

    select date_day as month_start_date
    from days
    where extract(day from date_day) = 1

),

running as (

    select
        months.month_start_date,
        coalesce(monthly_customer_events.new_customers, 0) as new_customers,
        coalesce(monthly_customer_events.churned_customers, 0) as churned_customers,
        coalesce(
            sum(
                coalesce(monthly_customer_events.new_customers, 0)
                - coalesce(monthly_customer_events.churned_customers, 0)
            ) over (order by months.month_start_date rows between unbounded preceding and 1 preceding),
            0
        ) as customers_start

    from months
    left join monthly_customer_events
        on months.month_start_date = monthly_customer_events.month_start_date

),

final as (

    select
        running.month_start_date,
        cast(running.customers_start as {{ dbt.type_bigint() }}) as customers_start,
        cast(running.new_customers as {{ dbt.type_bigint() }}) as new_customers,
        cast(running.churned_customers as {{ dbt.type_bigint() }}) as churned_customers,
        cast(
            running.customers_start + running.new_customers - running.churned_customers as {{ dbt.type_bigint() }}
        ) as customers_end,
        cast(coalesce(monthly_orders.orders, 0) as {{ dbt.type_bigint() }}) as orders,
        cast(coalesce(monthly_orders.orders_contact_attributed, 0) as {{ dbt.type_bigint() }})
            as orders_contact_attributed,
        cast(coalesce(monthly_orders.revenue_amount, 0) as double) as revenue_amount,
        cast(coalesce(monthly_orders.revenue_amount_contact_attributed, 0) as double)
            as revenue_amount_contact_attributed,
        (
            running.month_start_date < activity.first_day
            or cast({{ dbt.dateadd('month', 1, 'running.month_start_date') }} as date)
            > cast({{ dbt.dateadd('day', 1, 'activity.last_day') }} as date)
        ) as is_partial_month

    from running
    cross join activity
    left join monthly_orders
        on running.month_start_date = monthly_orders.month_start_date
    where running.month_start_date >= cast({{ dbt.date_trunc('month', 'activity.first_day') }} as date)

)

select * from final
