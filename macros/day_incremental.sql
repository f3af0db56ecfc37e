{% macro day_incremental(day_column='date_day') -%}
    {#- The config of a model rebuilt day by day: an incremental run replaces every `day_column` value
        its select returns (all rows of those days) and keeps the other days. Same semantics on each
        engine, through the strategy that engine runs: delete+insert by day on DuckDB, dynamic
        partition overwrite on Spark. Use as `{{ config(**day_incremental()) }}`. -#}
    {{ return(adapter.dispatch('day_incremental')(day_column)) }}
{%- endmacro %}

{% macro default__day_incremental(day_column) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': day_column,
        'on_schema_change': 'fail',
    }) }}
{%- endmacro %}

{% macro spark__day_incremental(day_column) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'insert_overwrite',
        'partition_by': [day_column],
        'file_format': 'parquet',
        'on_schema_change': 'fail',
    }) }}
{%- endmacro %}
