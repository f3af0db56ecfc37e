{% macro kpi_overstaffed_share(agg='sum') -%}
    {{ safe_ratio(agg ~ '(overstaffed_intervals)', agg ~ '(staffing_intervals)') }}
{%- endmacro %}
