{% macro kpi_new_customer_share(new_customers='new_customers', customers_start='customers_start') -%}
    {#- New customers of the period as a share of the customers at its start. Arguments are SQL
        expressions; for a longer period pass sum(new_customers) and the first month's customers_start. -#}
    {{ safe_ratio(new_customers, customers_start) }}
{%- endmacro %}
