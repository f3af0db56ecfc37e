{% macro interval_start(ts, minutes=30) -%}
    {{ return(adapter.dispatch('interval_start', 'contact_center')(ts, minutes)) }}
{%- endmacro %}

{% macro default__interval_start(ts, minutes) -%}
    {{ dbt.dateadd(
        'minute',
        '(floor(extract(minute from ' ~ ts ~ ') / ' ~ minutes ~ ') * ' ~ minutes ~ ')',
        dbt.date_trunc('hour', ts)
    ) }}
{%- endmacro %}

{% macro duckdb__interval_start(ts, minutes) -%}
    time_bucket(interval '{{ minutes }} minutes', {{ ts }})
{%- endmacro %}
