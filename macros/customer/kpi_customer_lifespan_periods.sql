{% macro kpi_customer_lifespan_periods(customers_start='customers_start', churned_customers='churned_customers') -%}
    {#- Expected lifespan in periods = 1 / churn rate = customers_start / churned_customers. -#}
    {{ safe_ratio(customers_start, churned_customers) }}
{%- endmacro %}
