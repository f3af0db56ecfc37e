{#- A table, not a view like the small staging models: the quarantine anti-join and the latest-version
    window run once per build instead of once per reader (every data test, dim_date and the
    intermediate models each re-ran them; see DECISIONLOG "Performance"). -#}
{{ config(materialized='table') }}

with

source as (

    {{ admitted_rows('acd', 'contacts') }}

),

latest as (

    {{ dedupe_latest('source', ['contact_id'], 'updated_at desc nulls last, _loaded_at desc, _source_file desc') }}

),

renamed as (

    select
        contact_id,
        coalesce(initial_contact_id, contact_id) as initial_contact_id,
        previous_contact_id,
        lower(trim(channel)) as channel,
        lower(trim(direction)) as direction,
        lower(trim(initiation_method)) as initiation_method,
        queue_id,
        agent_id,
        customer_id,
        initiated_at,
        enqueued_at,
        connected_at,
        disconnected_at,
        acw_ended_at,
        -- null means the platform does not report holds; it stays null (KPIs that need it are null)
        hold_seconds,
        hold_count,
        lower(trim(disconnect_reason)) as disconnect_reason,
        upper(trim(contact_reason)) as contact_reason,
        lower(trim(resolution_status)) as resolution_status,
        lower(trim(sale_outcome)) as sale_outcome,
        updated_at,
        _source_file as source_file,
        _loaded_at as loaded_at

    from latest

)

select * from renamed
