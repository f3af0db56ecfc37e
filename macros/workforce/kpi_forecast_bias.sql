{% macro kpi_forecast_bias(agg='sum') -%}
    {{ safe_ratio('(' ~ agg ~ '(forecast_offered) - ' ~ agg ~ '(actual_offered))', agg ~ '(actual_offered)') }}
{%- endmacro %}
