{% macro kpi_asa(agg='sum') -%}
    {{ safe_ratio(agg ~ '(wait_seconds_answered)', agg ~ '(answered)') }}
{%- endmacro %}
