{% macro kpi_adherence(agg='sum') -%}
    {{ safe_ratio(agg ~ '(adherent_seconds)', agg ~ '(paid_seconds)') }}
{%- endmacro %}
