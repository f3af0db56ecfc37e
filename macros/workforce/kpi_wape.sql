{% macro kpi_wape(agg='sum') -%}
    {{ safe_ratio(agg ~ '(forecast_abs_error)', agg ~ '(actual_offered)') }}
{%- endmacro %}
