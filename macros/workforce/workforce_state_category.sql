{% macro workforce_state_category(state) -%}
    {#- Agent state -> time category: handling (on_contact, acw), available, logged_out (offline,
        logged_out) or auxiliary (every other logged-in state: break, lunch, training, meeting, ...). -#}
    (case
        when {{ state }} in ('on_contact', 'acw') then 'handling'
        when {{ state }} = 'available' then 'available'
        when {{ state }} in ('offline', 'logged_out') then 'logged_out'
        else 'auxiliary'
    end)
{%- endmacro %}
