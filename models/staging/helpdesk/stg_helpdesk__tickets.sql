with

source as (

    {{ admitted_rows('helpdesk', 'tickets') }}

),

latest as (

    {{ dedupe_latest('source', ['ticket_id'], 'updated_at desc nulls last, _loaded_at desc, _source_file desc') }}

),

renamed as (

    select
        ticket_id,
        lower(trim(channel)) as channel,
        queue_id,
        customer_id,
        assignee_agent_id,
        created_at,
        first_agent_reply_at,
        first_resolved_at,
        last_resolved_at,
        lower(trim(status)) as status,
        coalesce(reopen_count, 0) as reopen_count,
        updated_at,
        _source_file as source_file,
        _loaded_at as loaded_at

    from latest

)

select * from renamed
