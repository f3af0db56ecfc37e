{% macro incremental_day_filter() -%}
    {#- For a day-grain fact materialised incrementally (delete+insert by date_day): on an
        incremental run, true for the days to recompute, namely every day touched by a contact leg
        landed since the fact was last built (new days, corrected records), and the last
        var('incremental_lookback_days') days (FCR windows closing, late surveys and orders).
        The model must declare `-- depends_on: {{ ref('int_contact_legs_measured') }}`. -#}
    {%- if is_incremental() -%}
        (
            date_day >= {{ dbt.dateadd(
                'day', -1 * var('incremental_lookback_days'), '(select max(date_day) from ' ~ this ~ ')'
            ) }}
            or date_day in (
                select queue_date from {{ ref('int_contact_legs_measured') }}
                where loaded_at > (select max(loaded_through_at) from {{ this }})
                union
                select handled_date from {{ ref('int_contact_legs_measured') }}
                where loaded_at > (select max(loaded_through_at) from {{ this }})
            )
        )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
