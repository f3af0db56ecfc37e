{% macro kpi_ticket_reopen_rate(agg='sum') -%}
    {{ safe_ratio(agg ~ '(tickets_reopened)', agg ~ '(tickets_first_resolved)') }}
{%- endmacro %}
