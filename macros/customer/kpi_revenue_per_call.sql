{% macro kpi_revenue_per_call(agg='sum') -%}
    {{ safe_ratio(agg ~ '(revenue_amount)', agg ~ '(handled)') }}
{%- endmacro %}
