{% macro workforce_valid_at(versions, instant) -%}
    {#- Join condition picking the roster version in effect just before `instant`: versions are
        [valid_from_at, valid_to_at), the first one open to the past. -#}
    ({{ versions }}.valid_from_at is null or {{ versions }}.valid_from_at < {{ instant }})
    and ({{ versions }}.valid_to_at is null or {{ versions }}.valid_to_at >= {{ instant }})
{%- endmacro %}
