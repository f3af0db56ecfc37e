{% macro dedupe_latest(relation, key_columns, order_by) -%}
    {#- Keep one row per key: the first by `order_by` (e.g. latest updated_at, then latest load).
        Written with row_number() in a subquery rather than QUALIFY so it stays portable. -#}
    select * exclude (_dedupe_rank)
    from (
        select
            *,
            row_number() over (
                partition by {{ key_columns | join(', ') }}
                order by {{ order_by }}
            ) as _dedupe_rank
        from {{ relation }}
    ) as ranked
    where _dedupe_rank = 1
{%- endmacro %}
