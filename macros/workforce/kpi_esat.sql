{% macro kpi_esat(agg='sum') -%}
    {{ safe_ratio(agg ~ '(esat_top_box)', agg ~ '(esat_responses)') }}
{%- endmacro %}
