{% macro admitted_rows(source_name, table_name) -%}
    {#- The rows of a raw table that were not quarantined (by landing or by the guard's rules).
        Every staging model reads its source through this, so a quarantined row never reaches a KPI. -#}
    select delivered.*
    from {{ source(source_name, table_name) }} as delivered
    where not exists (
        select 1
        from {{ source('guard', 'quarantine') }} as held_back
        where
            held_back.table_name = '{{ table_name }}'
            and held_back.source_file = delivered._source_file
            and held_back.source_row = delivered._source_row
    )
{%- endmacro %}
