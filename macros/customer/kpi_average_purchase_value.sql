{% macro kpi_average_purchase_value(revenue_amount='revenue_amount', orders='orders') -%}
    {{ safe_ratio(revenue_amount, orders) }}
{%- endmacro %}
