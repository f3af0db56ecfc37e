{% macro kpi_repeat_contact_rate(agg='sum') -%}
    {{ safe_ratio(agg ~ '(repeat_within_n)', agg ~ '(fcr_eligible)') }}
{%- endmacro %}
