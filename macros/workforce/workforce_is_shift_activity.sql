{% macro workforce_is_shift_activity(activity) -%}
    {#- True for schedule activities that form the paid shift (var workforce_shift_activities). -#}
    ({{ activity }} in (
        {%- for a in var('workforce_shift_activities') -%}
            '{{ a }}'{% if not loop.last %}, {% endif %}
        {%- endfor -%}
    ))
{%- endmacro %}
