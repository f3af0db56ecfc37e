{% macro incremental_day_filter() -%}
    {#- For a day-grain fact materialised incrementally (delete+insert by date_day): on an
        incremental run, true for the days to recompute, namely every day touched by a contact leg
        landed since the fact was last built (new days, corrected records), every day a leg left since
        then (int_contact_legs_superseded_days: a corrected version moved it, or it was withdrawn or
        quarantined), and the last var('incremental_lookback_days') days (FCR windows closing, late
        surveys and orders). The model must declare `-- depends_on:` refs to int_contact_legs_measured
        and int_contact_legs_superseded_days. -#}
    {%- if is_incremental() -%}
        {%- set days_query -%}
            select 'from' as kind, cast({{ dbt.dateadd(
                'day', -1 * var('incremental_lookback_days'), '(select max(date_day) from ' ~ this ~ ')'
            ) }} as date) as day
            union all
            select 'day' as kind, day from (
                select queue_date as day from {{ ref('int_contact_legs_measured') }}
                where loaded_at > (select max(loaded_through_at) from {{ this }})
                union
                select handled_date from {{ ref('int_contact_legs_measured') }}
                where loaded_at > (select max(loaded_through_at) from {{ this }})
                union
                select date_day from {{ ref('int_contact_legs_superseded_days') }}
                where superseded_at > (select max(loaded_through_at) from {{ this }})
            ) as touched
            where day is not null
        {%- endset -%}
        {#- The days are read when the model compiles and written in as literals: a constant filter
            reaches through the components view's union and joins down to the legs' scan, where the
            same filter as a subquery made the view compute every day first. -#}
        {%- set rows = run_query(days_query).rows if execute else [] -%}
        {%- set since = [] -%}
        {%- set days = [] -%}
        {%- for row in rows if row[1] is not none -%}
            {%- do (since if row[0] == 'from' else days).append(row[1]) -%}
        {%- endfor -%}
        (
            {% if since %}date_day >= cast('{{ since[0] }}' as date){% else %}false{% endif %}
            {%- if days %}
            or date_day in (
                {%- for day in days %}cast('{{ day }}' as date){% if not loop.last %}, {% endif %}{% endfor -%}
            )
            {%- endif %}
        )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{% macro record_superseded_leg_days() -%}
    {#- Pre-hook of int_contact_legs_measured on incremental runs: log the local days of the legs this
        run replaces (a version of the contact staging rewrote since the legs' watermark) or removes (the contact is
        no longer admitted by staging), stamped with the build time. A stamp later than a day fact's
        watermark (loaded_through_at) makes that fact rebuild the day until data landed after the
        stamp has been built into it, so a failed fact build does not lose the day. -#}
    {%- if is_incremental() -%}
        insert into {{ ref('int_contact_legs_superseded_days') }} (date_day, superseded_at)
        with superseded as (
            select legs.queue_date, legs.handled_date
            from {{ this }} as legs
            where
                legs.contact_id in (
                    select contacts.contact_id from {{ ref('stg_acd__contacts') }} as contacts
                    where {{ contacts_remeasured('contacts') }}
                )
                or not exists (
                    select 1 from {{ ref('stg_acd__contacts') }} as contacts
                    where contacts.contact_id = legs.contact_id
                )
        )
        select distinct superseded_day, current_timestamp
        from (
            select queue_date as superseded_day from superseded
            union all
            select handled_date from superseded
        ) as days
        where superseded_day is not null
    {%- endif -%}
{%- endmacro %}
