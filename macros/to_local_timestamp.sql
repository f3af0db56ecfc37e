{% macro to_local_timestamp(utc_ts, time_zone) -%}
    {{ return(adapter.dispatch('to_local_timestamp', 'contact_center')(utc_ts, time_zone)) }}
{%- endmacro %}

{% macro default__to_local_timestamp(utc_ts, time_zone) -%}
    {{ exceptions.raise_compiler_error("to_local_timestamp is not implemented for " ~ target.type) }}
{%- endmacro %}

{% macro duckdb__to_local_timestamp(utc_ts, time_zone) -%}
    timezone({{ time_zone }}, {{ utc_ts }})
{%- endmacro %}

{% macro spark__to_local_timestamp(utc_ts, time_zone) -%}
    from_utc_timestamp({{ utc_ts }}, {{ time_zone }})
{%- endmacro %}
