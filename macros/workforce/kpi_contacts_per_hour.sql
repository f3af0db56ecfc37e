{% macro kpi_contacts_per_hour(agg='sum') -%}
    {{ safe_ratio(agg ~ '(handled)', '(' ~ agg ~ '(logged_in_seconds) / 3600.0)') }}
{%- endmacro %}
