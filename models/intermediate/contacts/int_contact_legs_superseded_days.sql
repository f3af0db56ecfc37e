{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
) }}

{#- A log, written by int_contact_legs_measured's pre-hook (macro record_superseded_leg_days): on
    each incremental run, the local days of every leg that run replaces (a corrected version) or
    removes (withdrawn from a re-delivered file, or quarantined since). The day facts rebuild those
    days too, so a withdrawn contact that was the only row of its day, or a correction that moves a
    contact to another day, leaves the old day on the next refresh. The model itself selects no rows:
    a full refresh starts the log empty, as every day is rebuilt then. -#}

select
    cast(null as date) as date_day,
    cast(null as {{ dbt.type_timestamp() }}) as superseded_at

where false
