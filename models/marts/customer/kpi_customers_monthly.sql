-- grain: one row per calendar month (center level)
{{ config(materialized='view') }}

{#- Customer KPIs per month, center level, from fct_customers_monthly with the macros in
    macros/kpi/customer.sql. For longer periods recompute from the components (first S, last E, summed flows);
    never sum or average these ratios. -#}

with

monthly as (

    select * from {{ ref('fct_customers_monthly') }}

),

final as (

    select
        month_start_date,
        is_partial_month,
        customers_start,
        new_customers,
        churned_customers,
        customers_end,
        orders,
        revenue_amount,
        {{ kpi_new_customer_share() }} as new_customer_share,
        {{ kpi_customer_retention_pct() }} as customer_retention_pct,
        {{ kpi_average_purchase_value() }} as average_purchase_value,
        {{ kpi_purchase_frequency() }} as purchase_frequency,
        {{ kpi_customer_lifespan_periods() }} as customer_lifespan_months,
        {{ kpi_customer_lifetime_value() }} as customer_lifetime_value

    from monthly

)

select * from final
