{% test unique_combination(model, columns) %}
    {#- Composite primary key: no two rows share the values of `columns` (nulls compare equal). -#}
    select
        {{ columns | join(', ') }},
        count(*) as duplicate_rows
    from {{ model }}
    group by {{ columns | join(', ') }}
    having count(*) > 1
{% endtest %}
