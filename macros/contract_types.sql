{% macro contract_type(data_type) -%}
    {#- A column type as the YAML writes it (contracts of the marts, the raw contract of the sources),
        in the default engine's (DuckDB's) names, as the current engine spells it. -#}
    {{ return(adapter.dispatch('contract_type', 'contact_center')(data_type)) }}
{%- endmacro %}

{% macro default__contract_type(data_type) -%}
    {{ return(data_type) }}
{%- endmacro %}

{% macro spark__contract_type(data_type) -%}
    {#- Spark has no length-free varchar, one timestamp type for instants (TIMESTAMP, session time
        zone UTC) and sums of integers in bigint where DuckDB widens them to hugeint. -#}
    {%- set spark_names = {
        'varchar': 'string',
        'text': 'string',
        'timestamptz': 'timestamp',
        'timestamp with time zone': 'timestamp',
        'hugeint': 'bigint',
    } -%}
    {{ return(spark_names.get(data_type | trim | lower, data_type)) }}
{%- endmacro %}

{% macro spark__get_empty_schema_sql(columns) -%}
    {#- dbt checks an enforced contract by casting NULL to each YAML data_type; on Spark the types are
        translated first (contract_type), so the YAML stays in one vocabulary for both engines. -#}
    {%- set translated = {} -%}
    {%- for name, column in columns.items() -%}
        {%- set copy = column.copy() if column is mapping else column -%}
        {%- if copy['data_type'] is defined and copy['data_type'] is not none -%}
            {%- do copy.update({'data_type': contract_type(copy['data_type'])}) -%}
        {%- endif -%}
        {%- do translated.update({name: copy}) -%}
    {%- endfor -%}
    {{ return(dbt.default__get_empty_schema_sql(translated)) }}
{%- endmacro %}
