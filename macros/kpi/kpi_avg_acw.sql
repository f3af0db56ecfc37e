{% macro kpi_avg_acw(agg='sum') -%}
    {{ safe_ratio(agg ~ '(acw_seconds)', agg ~ '(handled_acw_known)') }}
{%- endmacro %}
