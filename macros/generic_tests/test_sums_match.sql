{% test sums_match(model, column_name, compare_model, compare_expression, group_by=none, tolerance=0) %}
    {#- Reconciliation: sum(column) over `model` equals sum(compare_expression) over `compare_model`,
        overall or per `group_by` column list (which must exist in both). Returns the mismatches. -#}
    {%- set keys = group_by or [] -%}
    with left_side as (
        select
            {% for k in keys %}{{ k }}, {% endfor %}
            sum({{ column_name }}) as left_total
        from {{ model }}
        {% if keys %}group by {{ keys | join(', ') }}{% endif %}
    ),

    right_side as (
        select
            {% for k in keys %}{{ k }}, {% endfor %}
            sum({{ compare_expression }}) as right_total
        from {{ compare_model }}
        {% if keys %}group by {{ keys | join(', ') }}{% endif %}
    ),

    compared as (
        select
            {% for k in keys %}coalesce(l.{{ k }}, r.{{ k }}) as {{ k }}, {% endfor %}
            coalesce(l.left_total, 0) as left_total,
            coalesce(r.right_total, 0) as right_total
        from left_side as l
        full outer join right_side as r
            {% if keys %}
            on {% for k in keys %}l.{{ k }} is not distinct from r.{{ k }}{% if not loop.last %} and {% endif %}{% endfor %}
            {% else %}on true{% endif %}
    )

    select *
    from compared
    where abs(left_total - right_total) > {{ tolerance }}
{% endtest %}
