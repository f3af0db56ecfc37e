{% macro to_local_timestamp(utc_ts, time_zone) -%}
    {{ return(adapter.dispatch('to_local_timestamp', 'contact_center')(utc_ts, time_zone)) }}
{%- endmacro %}

{% macro default__to_local_timestamp(utc_ts, time_zone) -%}
    {{ exceptions.raise_compiler_error("to_local_timestamp is not implemented for " ~ target.type) }}
{%- endmacro %}

{% macro duckdb__to_local_timestamp(utc_ts, time_zone) -%}
    {#- DuckDB's timezone() with a zone that varies by row sets up an ICU calendar per row; with a
        constant zone, once per vector (2-3x faster on millions of rows). So each zone the queues
        declare gets its own constant-zone branch; any other zone (or a NULL) takes the general form,
        so the result never depends on the list being complete. -#}
    {%- set zones = delivered_time_zones() -%}
    {%- if zones -%}
        case {{ time_zone }}
        {%- for zone in zones %}
            when '{{ zone }}' then timezone('{{ zone }}', {{ utc_ts }})
        {%- endfor %}
            else timezone({{ time_zone }}, {{ utc_ts }})
        end
    {%- else -%}
        timezone({{ time_zone }}, {{ utc_ts }})
    {%- endif -%}
{%- endmacro %}

{% macro spark__to_local_timestamp(utc_ts, time_zone) -%}
    from_utc_timestamp({{ utc_ts }}, {{ time_zone }})
{%- endmacro %}

{% macro delivered_time_zones() -%}
    {#- The IANA zones of the delivered queues plus UTC (the default), read when the model compiles;
        empty at parse time or when raw.queues does not exist yet (e.g. sqlfluff on an empty file). -#}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set queues = adapter.get_relation(database=target.database, schema='raw', identifier='queues') -%}
    {%- if queues is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set found = run_query(
        "select distinct time_zone from " ~ queues ~ " where time_zone is not null"
        ~ " and regexp_full_match(time_zone, '[A-Za-z0-9_/+-]+') order by 1"
    ) -%}
    {%- set zones = found.columns[0].values() | list -%}
    {{ return((zones + ['UTC']) | unique | list) }}
{%- endmacro %}
