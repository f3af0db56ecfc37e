{% macro kpi_mape(agg='sum') -%}
    {{ safe_ratio(agg ~ '(forecast_ape_sum)', agg ~ '(mape_intervals)') }}
{%- endmacro %}
