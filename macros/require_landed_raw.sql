{% macro require_landed_raw() %}
    {#- on-run-start: a build against a warehouse with nothing landed stops with one line saying what to
        run, instead of one "schema raw does not exist" error per staging model. -#}
    {%- if execute and flags.WHICH in ('build', 'run', 'test', 'seed', 'snapshot') -%}
        {%- set contacts = adapter.get_relation(database=target.database, schema=var('raw_schema', 'raw'), identifier='contacts') -%}
        {%- if contacts is none -%}
            {{ exceptions.raise_compiler_error(
                "Nothing landed in " ~ target.path ~ " (no raw.contacts): land your exports first "
                ~ "(`make land guard`, `make refresh`, or `make run` for the demo), or set WAREHOUSE_PATH "
                ~ "to a warehouse that has them."
            ) }}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
