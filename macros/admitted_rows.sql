{% macro admitted_rows(source_name, table_name) -%}
    {#- The rows of a raw table that were not quarantined (by landing or by the guard's rules).
        Every staging model reads its source through this, so a quarantined row never reaches a KPI.
        A table switched off with var('using_<table>') (a center that does not deliver it) reads as an
        empty relation of the contract's columns, without touching the raw table. -#}
    {%- if not var('using_' ~ table_name, true) -%}
        {{ switched_off_source(source_name, table_name) }}
    {%- else -%}
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
    {%- endif -%}
{%- endmacro %}

{% macro switched_off_source(source_name, table_name) -%}
    {#- No rows, the contract's columns and types (from the sources YAML) plus the lineage columns. -#}
    {%- set columns = [] -%}
    {%- if execute -%}
        {%- for node in graph.sources.values()
            if node.source_name == source_name and node.name == table_name -%}
            {%- for column in node.columns.values() -%}
                {%- do columns.append((column.name, column.data_type)) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    select
        {%- for name, data_type in columns %}
        cast(null as {{ contract_type(data_type) }}) as {{ name }},
        {%- endfor %}
        cast(null as {{ dbt.type_string() }}) as _source_file,
        cast(null as {{ dbt.type_bigint() }}) as _source_row,
        cast(null as {{ contract_type("timestamptz") }}) as _loaded_at {# the contract's type for lineage times #}
    where 1 = 0
{%- endmacro %}
