{% macro kpi_customer_retention_pct(
    customers_end='customers_end', new_customers='new_customers', customers_start='customers_start'
) -%}
    {#- (E - N) / S x 100. Not additive: for a longer period pass the last month's customers_end,
        sum(new_customers) and the first month's customers_start. -#}
    (100 * {{ safe_ratio('(' ~ customers_end ~ ' - ' ~ new_customers ~ ')', customers_start) }})
{%- endmacro %}
