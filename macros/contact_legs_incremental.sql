{% macro contact_legs_incremental() -%}
    {#- The config of int_contact_legs_measured, whose incremental runs replace the legs landed or
        corrected since the last build and drop withdrawn ones, with the same result on each engine
        (equal to a full build) through the strategy that engine runs. Use as
        `{{ config(**contact_legs_incremental()) }}` and filter the contacts with contact_legs_filter().
        Both log the days legs leave (record_superseded_leg_days) for the day facts. -#}
    {{ return(adapter.dispatch('contact_legs_incremental', 'contact_center')()) }}
{%- endmacro %}

{% macro default__contact_legs_incremental() -%}
    {#- DuckDB: delete+insert by contact_id (the new and corrected legs only), then one anti-join
        delete of the legs whose contact staging no longer admits (withdrawn or quarantined). -#}
    {{ return({
        'materialized': 'incremental',
        'unique_key': 'contact_id',
        'incremental_strategy': 'delete+insert',
        'pre_hook': ["{{ record_superseded_leg_days() }}"],
        'post_hook': [
            "{% if is_incremental() %}delete from {{ this }} as legs where not exists (select 1 from "
            ~ "{{ ref('stg_acd__contacts') }} as contacts where contacts.contact_id = legs.contact_id){% endif %}"
        ],
    }) }}
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
    where loaded_at > (select max(loaded_at) from {{ this }})
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
