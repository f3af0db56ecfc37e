{% macro kpi_forecast_accuracy(agg='sum') -%}
    (1 - {{ kpi_wape(agg) }})
{%- endmacro %}
