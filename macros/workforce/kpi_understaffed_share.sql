{% macro kpi_understaffed_share(agg='sum') -%}
    {{ safe_ratio(agg ~ '(understaffed_intervals)', agg ~ '(staffing_intervals)') }}
{%- endmacro %}
