{% macro workforce_state_activity(state) -%}
    {#- Agent state -> the schedule activity it fulfils (var workforce_state_activities); NULL for
        states that fulfil no activity (offline, unknown states), which are never adherent. -#}
    {%- set mapping = var('workforce_state_activities') -%}
    (case {{ state }}
        {%- for state_name, activity in mapping | dictsort %}
        when '{{ state_name }}' then '{{ activity }}'
        {%- endfor %}
    end)
{%- endmacro %}
