{% macro contact_legs_incremental() -%}
    {#- The config of int_contact_legs_measured, whose incremental runs replace the legs landed or
        corrected since the last build and drop withdrawn ones, with the same result on each engine
        (equal to a full build) through the strategy that engine runs. Use as
        `{{ config(**contact_legs_incremental()) }}` and filter the contacts with contact_legs_filter().
        Both log the days legs leave (record_superseded_leg_days) for the day facts. -#}
    {{ return(adapter.dispatch('contact_legs_incremental', 'contact_center')()) }}
{%- endmacro %}

{% macro default__contact_legs_incremental() -%}
    {#- DuckDB: delete+insert by contact_id (the contacts staging rewrote since the legs' watermark:
        new, corrected, released from quarantine), then one anti-join delete of the legs whose contact
        staging no longer admits (withdrawn or quarantined), then the log of the days of released legs
        (record_released_leg_days). -#}
    {{ return({
        'materialized': 'incremental',
        'unique_key': 'contact_id',
        'incremental_strategy': 'delete+insert',
        'on_schema_change': 'fail',
        'pre_hook': ["{{ record_legs_watermark() }}", "{{ record_superseded_leg_days() }}"],
        'post_hook': [
            "{% if is_incremental() %}delete from {{ this }} as legs where not exists (select 1 from "
            ~ "{{ ref('stg_acd__contacts') }} as contacts where contacts.contact_id = legs.contact_id){% endif %}",
            "{{ record_released_leg_days() }}",
        ],
    }) }}
{%- endmacro %}

{% macro record_legs_watermark() -%}
    {#- Pre-hook (DuckDB, incremental runs): the legs' watermarks before this run writes, kept in a
        temporary table for record_released_leg_days. -#}
    {%- if is_incremental() -%}
        create or replace temporary table {{ this.identifier }}__watermark as
        select max(changes_through_at) as changes_through_at, max(loaded_at) as loaded_at from {{ this }}
    {%- endif -%}
{%- endmacro %}

{% macro record_released_leg_days() -%}
    {#- Post-hook (DuckDB, incremental runs): log the local days of the legs this run wrote that the day
        facts' watermark (loaded_at) cannot see: a contact released from quarantine keeps the load
        time of its file, older than what the facts have built. Logged with the superseded days, which
        the day facts rebuild (incremental_day_filter). -#}
    {%- if is_incremental() -%}
        insert into {{ ref('int_contact_legs_superseded_days') }} (date_day, superseded_at)
        select distinct released_day, current_timestamp
        from (
            select legs.queue_date as released_day, legs.changes_through_at, legs.loaded_at from {{ this }} as legs
            union all
            select legs.handled_date, legs.changes_through_at, legs.loaded_at from {{ this }} as legs
        ) as written
        cross join {{ this.identifier }}__watermark as watermark
        where
            written.released_day is not null
            and coalesce(written.changes_through_at > coalesce(watermark.changes_through_at, {{ epoch_timestamp() }}), true)
            and written.loaded_at <= watermark.loaded_at
    {%- endif -%}
{%- endmacro %}

{% macro spark__contact_legs_incremental() -%}
    {#- Spark (parquet tables: no row-level delete or merge): the legs are partitioned by the UTC day
        they began (initiated_date), and a run overwrites every day touched by a new, corrected or
        withdrawn leg with all of that day's legs recomputed from staging (dynamic partition overwrite).
        A day all of whose legs are withdrawn returns no rows and keeps its old legs: that needs a
        --full-refresh (a re-delivered file that empties a whole day). -#}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'insert_overwrite',
        'partition_by': ['initiated_date'],
        'file_format': 'parquet',
        'pre_hook': ["{{ record_superseded_leg_days() }}"],
    }) }}
{%- endmacro %}

{% macro contact_legs_filter() -%}
    {#- The where clause on stg_acd__contacts for an incremental run of int_contact_legs_measured
        (empty on a full build): the contacts its strategy (contact_legs_incremental) rebuilds. -#}
    {%- if is_incremental() -%}
        {{ return(adapter.dispatch('contact_legs_filter', 'contact_center')()) }}
    {%- endif -%}
{%- endmacro %}

{% macro default__contact_legs_filter() -%}
    where {{ contacts_remeasured() }}
{%- endmacro %}

{% macro contacts_remeasured(contacts=none) -%}
    {#- True for a row of stg_acd__contacts (aliased `contacts`, if given) whose legs an incremental run of
        int_contact_legs_measured measures again: rewritten by staging since the legs' watermark (DuckDB:
        changes_through_at, which also moves for a contact released from quarantine) or landed since it
        (Spark: loaded_at; a release there needs a --full-refresh of the legs). -#}
    {{ return(adapter.dispatch('contacts_remeasured', 'contact_center')(contacts)) }}
{%- endmacro %}

{% macro default__contacts_remeasured(contacts) -%}
    {#- a null watermark (no change log): every contact, every run -#}
    coalesce({{ contacts ~ '.' if contacts }}changes_through_at > (
        select coalesce(max(changes_through_at), {{ epoch_timestamp() }}) from {{ this }}
    ), true)
{%- endmacro %}

{% macro spark__contacts_remeasured(contacts) -%}
    {{ contacts ~ '.' if contacts }}loaded_at > (select max(loaded_at) from {{ this }})
{%- endmacro %}

{% macro spark__contact_legs_filter() -%}
    {#- Every contact on a day a leg enters (landed since the last build) or leaves (an older version
        replaced by it, or a contact staging no longer admits). -#}
    where cast(initiated_at as date) in (
        select cast(landed.initiated_at as date) from {{ ref('stg_acd__contacts') }} as landed
        where landed.loaded_at > (select max(loaded_at) from {{ this }})
        union
        select legs.initiated_date from {{ this }} as legs
        left join {{ ref('stg_acd__contacts') }} as current_contacts
            on legs.contact_id = current_contacts.contact_id
        where
            current_contacts.contact_id is null
            or current_contacts.loaded_at > (select max(loaded_at) from {{ this }})
    )
{%- endmacro %}
