{% macro kpi_outbound_conversion_rate(agg='sum') -%}
    {{ safe_ratio(agg ~ '(sales)', agg ~ '(handled_outbound)') }}
{%- endmacro %}
