{% macro workforce_agent_components() -%}
    {#- Additive agent-time components of fct_agent_intervals, fct_agent_daily and
        fct_center_workforce_daily (all seconds). One list, so the roll-ups cannot disagree. -#}
    {{ return([
        'logged_in_seconds', 'handling_seconds', 'available_seconds', 'auxiliary_seconds',
        'actual_on_queue_seconds', 'scheduled_seconds', 'paid_seconds', 'scheduled_on_queue_seconds',
        'adherent_seconds', 'exception_not_logged_in_seconds', 'exception_wrong_state_seconds',
        'unscheduled_logged_in_seconds', 'scheduled_unavailable_seconds',
    ]) }}
{%- endmacro %}
