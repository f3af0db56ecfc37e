{% macro kpi_occupancy(agg='sum') -%}
    {{ safe_ratio(agg ~ '(handling_seconds)', '(' ~ agg ~ '(handling_seconds) + ' ~ agg ~ '(available_seconds))') }}
{%- endmacro %}
