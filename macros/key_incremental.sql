{% macro key_incremental(key_column, changed_keys) -%}
    {#- The config of a staging table rebuilt key by key ("latest version of each key"): an incremental
        run recomputes the keys `changed_keys` returns (a macro call, as a string, returning the query
        of those keys, e.g. "staging_changed_values(...)") from every admitted raw version of them, and
        keeps every other key. A pre-hook (record_changed_keys) stores the keys in a temporary table
        the model's select reads (changed_keys_relation()); the `replace_keys` strategy deletes them and
        inserts what the select returns, so a key whose every version was withdrawn goes. Spark (no
        row-level delete on Parquet tables, and a key has no partition): a table rebuilt whole. Use as
        `{{ config(**key_incremental('contact_id', changed_keys="...")) }}`. -#}
    {{ return(adapter.dispatch('key_incremental')(key_column, changed_keys)) }}
{%- endmacro %}

{% macro default__key_incremental(key_column, changed_keys) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'replace_keys',
        'unique_key': key_column,
        'incremental_predicates': [key_column ~ ' in (select key from ' ~ changed_keys_relation() ~ ')'],
        'pre_hook': ['{{ record_changed_keys(' ~ changed_keys ~ ') }}'],
        'on_schema_change': 'fail',
    }) }}
{%- endmacro %}

{% macro spark__key_incremental(key_column, changed_keys) -%}
    {{ return({'materialized': 'table'}) }}
{%- endmacro %}

{% macro changed_keys_relation() -%}
    {#- The temporary table of the keys an incremental build of this model recomputes. -#}
    {{- this.identifier ~ '__changed_keys' -}}
{%- endmacro %}

{% macro record_changed_keys(keys_query) -%}
    {#- Pre-hook (incremental builds): store the keys to recompute (`keys_query`, one column) in a
        temporary table. -#}
    {%- if is_incremental() -%}
        create or replace temporary table {{ changed_keys_relation() }} as
        select distinct changed.key from ({{ keys_query }}) as changed (key)
        where changed.key is not null
    {%- endif -%}
{%- endmacro %}

{% macro get_incremental_replace_keys_sql(arg_dict) -%}
    {#- Incremental strategy `replace_keys`: delete the keys of the new rows and those the model's
        incremental_predicates name (keys left without any admitted version), then insert the new
        rows. The same statements as replace_days, keyed on any column. -#}
    {{ return(get_incremental_replace_days_sql(arg_dict)) }}
{%- endmacro %}

{% macro key_range_filter(key_column, key_range) -%}
    {#- A literal predicate keeping `key_column` within `key_range` (changed_range of keys); false when
        no key changed. A prefilter: the model still selects the exact keys. -#}
    {%- if key_range is none -%}
        1 = 0
    {%- else -%}
        {{ key_column }} >= '{{ key_range[0] | replace("'", "''") }}'
        and {{ key_column }} <= '{{ key_range[1] | replace("'", "''") }}'
    {%- endif -%}
{%- endmacro %}
