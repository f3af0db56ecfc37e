{#- Time arithmetic whose SQL differs by engine, each dispatched by adapter (DuckDB today, Spark
    next): elapsed seconds, interval starts, UTC -> local wall clock, and a day spine. -#}

{% macro seconds_between(start_ts, end_ts) -%}
    {{ return(adapter.dispatch('seconds_between', 'contact_center')(start_ts, end_ts)) }}
{%- endmacro %}

{% macro default__seconds_between(start_ts, end_ts) -%}
    {{ dbt.datediff(start_ts, end_ts, 'second') }}
{%- endmacro %}

{% macro duckdb__seconds_between(start_ts, end_ts) -%}
    (epoch({{ end_ts }}) - epoch({{ start_ts }}))
{%- endmacro %}

{% macro spark__seconds_between(start_ts, end_ts) -%}
    (unix_micros({{ end_ts }}) - unix_micros({{ start_ts }})) / 1e6
{%- endmacro %}

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

{% macro date_spine(start_date, end_date) -%}
    {{ return(adapter.dispatch('date_spine', 'contact_center')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__date_spine(start_date, end_date) -%}
    select explode(sequence({{ start_date }}, {{ end_date }}, interval 1 day)) as date_day
{%- endmacro %}

{% macro duckdb__date_spine(start_date, end_date) -%}
    select cast(generate_series as date) as date_day
    from generate_series(
        cast({{ start_date }} as timestamp), cast({{ end_date }} as timestamp), interval 1 day
    )
{%- endmacro %}

{% macro iso_day_of_week(date_expr) -%}
    {#- ISO day of the week as a bigint: 1 = Monday ... 7 = Sunday. -#}
    {{ return(adapter.dispatch('iso_day_of_week', 'contact_center')(date_expr)) }}
{%- endmacro %}

{% macro default__iso_day_of_week(date_expr) -%}
    cast(extract(isodow from {{ date_expr }}) as {{ dbt.type_bigint() }})
{%- endmacro %}

{% macro spark__iso_day_of_week(date_expr) -%}
    cast(extract(dayofweek_iso from {{ date_expr }}) as {{ dbt.type_bigint() }})
{%- endmacro %}

{% macro day_name(date_expr) -%}
    {#- English name of the day of the week, in full (Monday). -#}
    {{ return(adapter.dispatch('day_name', 'contact_center')(date_expr)) }}
{%- endmacro %}

{% macro default__day_name(date_expr) -%}
    dayname({{ date_expr }})
{%- endmacro %}

{% macro spark__day_name(date_expr) -%}
    date_format({{ date_expr }}, 'EEEE')
{%- endmacro %}

{% macro time_of_day(ts) -%}
    {#- Wall-clock time of a timestamp as 'HH:MM' text (24-hour). -#}
    {{ return(adapter.dispatch('time_of_day', 'contact_center')(ts)) }}
{%- endmacro %}

{% macro default__time_of_day(ts) -%}
    strftime({{ ts }}, '%H:%M')
{%- endmacro %}

{% macro spark__time_of_day(ts) -%}
    date_format({{ ts }}, 'HH:mm')
{%- endmacro %}
