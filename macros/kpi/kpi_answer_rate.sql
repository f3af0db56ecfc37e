{% macro kpi_answer_rate(agg='sum') -%}
    {{ safe_ratio(agg ~ '(answered)', agg ~ '(offered)') }}
{%- endmacro %}
