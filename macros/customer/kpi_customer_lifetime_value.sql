{% macro kpi_customer_lifetime_value(
    revenue_amount='revenue_amount', orders='orders', customers_start='customers_start',
    customers_end='customers_end', churned_customers='churned_customers', gross_margin=none
) -%}
    {#- average purchase value x purchase frequency x average customer lifespan x gross margin:
        (revenue / orders) x (orders / average customers) x (customers_start / churned) x margin.
        Frequency and lifespan are both per period, so their product does not depend on its length. -#}
    {%- set margin = gross_margin if gross_margin is not none else var('clv_gross_margin', 1.0) -%}
    ({{ kpi_average_purchase_value(revenue_amount, orders) }}
        * {{ kpi_purchase_frequency(orders, customers_start, customers_end) }}
        * {{ kpi_customer_lifespan_periods(customers_start, churned_customers) }}
        * {{ margin }})
{%- endmacro %}
