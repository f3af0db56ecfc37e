{% macro bool_to_int(condition) -%}
    (case when {{ condition }} then 1 else 0 end)
{%- endmacro %}
