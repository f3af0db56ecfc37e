{% macro kpi_purchase_frequency(orders='orders', customers_start='customers_start', customers_end='customers_end') -%}
    {#- Orders per average customer ((S + E) / 2) in the period. -#}
    {{ safe_ratio(orders, '((' ~ customers_start ~ ' + ' ~ customers_end ~ ') / 2.0)') }}
{%- endmacro %}
