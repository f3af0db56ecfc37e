{#- Rebuilt key by key (macro key_incremental): an incremental build recomputes the latest version
    of the contacts in files the guard logged as changed since the table's changes_through_at (their
    rows now, and the contacts this table holds from those files: a version withdrawn or quarantined
    since), from every admitted version of them; every other contact is kept. A contact's versions
    may fall on different days, so the key, not a day, is the unit. On Spark a table rebuilt whole.
    Equal to a full build (tests/test_incremental.py). -#}

{{ config(**key_incremental(
    'contact_id',
    changed_keys="staging_changed_values('acd', 'contacts', 'contact_id', 'contact_id')",
)) }}

-- depends_on: {{ source('guard', 'changed_files') }}

with

source as (

    select * from ({{ admitted_rows('acd', 'contacts') }}) as admitted
    {% if is_incremental() -%}
    {%- set key_range = changed_range(staging_changed_values('acd', 'contacts', 'contact_id', 'contact_id')) %}
    where
        {{ key_range_filter('contact_id', key_range) }}
        and contact_id in (select key from {{ changed_keys_relation() }})
    {%- endif %}

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
        _loaded_at as loaded_at,
        {{ changes_through() }} as changes_through_at

    from latest

)

select * from renamed
