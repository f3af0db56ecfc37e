{% macro workforce_time_buckets(start_ts, end_ts, minutes=15) -%}
    {#- Table-generating expression: one row per UTC bucket of `minutes` overlapping [start_ts, end_ts).
        15 minutes divides every IANA zone's UTC offset, so each bucket lies inside one local
        30-minute interval and one local day whatever the agent's or queue's time zone. -#}
    {{ return(adapter.dispatch('workforce_time_buckets', 'contact_center')(start_ts, end_ts, minutes)) }}
{%- endmacro %}

{% macro default__workforce_time_buckets(start_ts, end_ts, minutes) -%}
    {#- sequence() includes its stop value: a span ending on a bucket boundary yields one
        zero-length piece, which the models drop (piece_seconds > 0). -#}
    explode(sequence({{ interval_start(start_ts, minutes) }}, {{ end_ts }}, interval {{ minutes }} minutes))
{%- endmacro %}

{% macro duckdb__workforce_time_buckets(start_ts, end_ts, minutes) -%}
    unnest(range({{ interval_start(start_ts, minutes) }}, {{ end_ts }}, interval '{{ minutes }} minutes'))
{%- endmacro %}
