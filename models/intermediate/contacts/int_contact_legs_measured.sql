{{ config(**contact_legs_incremental()) }}

{#- Incremental: a run measures the contacts staging rewrote since the last build (new contacts,
    corrected versions, contacts released from quarantine: a later changes_through_at; on Spark, a
    later loaded_at) and replaces their legs; a contact withdrawn from a re-delivered
    file (or quarantined since) is no longer in staging and its leg goes (macro contact_legs_incremental:
    by contact_id on DuckDB, by whole UTC day on Spark). The pre-hook logs the days of the legs replaced or
    removed (int_contact_legs_superseded_days), so the day facts rebuild a day a leg left even when no
    new leg falls on it. A change of queue configuration (time zone, thresholds) needs a --full-refresh. -#}

-- depends_on: {{ ref('int_contact_legs_superseded_days') }}

with

contacts as (

    select * from {{ ref('stg_acd__contacts') }}
    {{ contact_legs_filter() }}

),

queues as (

    select * from {{ ref('stg_acd__queues') }}

),

joined as (

    select
        contacts.*,
        coalesce(queues.time_zone, 'UTC') as time_zone,
        coalesce(queues.sl_threshold_seconds, {{ var('default_sl_threshold_seconds') }}) as sl_threshold_seconds,
        coalesce(queues.short_abandon_seconds, {{ var('default_short_abandon_seconds') }}) as short_abandon_seconds

    from contacts
    left join queues
        on contacts.queue_id = queues.queue_id

),

measured as (

    select
        *,
        -- a customer's contact is offered once: on its first queued inbound leg (transfer and
        -- callback legs are handled work, not new offers; see DECISIONLOG.md)
        (
            enqueued_at is not null
            and coalesce(direction, 'inbound') = 'inbound'
            and coalesce(initiation_method, 'inbound') = 'inbound'
        ) as is_offered,
        (connected_at is not null and agent_id is not null) as is_handled,
        case
            when enqueued_at is not null
                then {{ seconds_between('enqueued_at', 'coalesce(connected_at, disconnected_at)') }}
        end as wait_seconds,
        case
            when connected_at is not null and agent_id is not null
                then {{ seconds_between('connected_at', 'disconnected_at') }} - coalesce(hold_seconds, 0)
        end as talk_seconds,
        case
            when connected_at is not null and agent_id is not null
                then {{ seconds_between('disconnected_at', 'acw_ended_at') }}
        end as acw_seconds,
        case
            when connected_at is not null and agent_id is not null
                then coalesce(acw_ended_at, disconnected_at)
        end as handling_ended_at

    from joined

),

flagged as (

    select
        *,
        (is_offered and connected_at is not null) as is_answered,
        (
            is_offered
            and connected_at is null
            and coalesce(disconnect_reason, 'customer') not in ('transfer', 'flow_out', 'callback_requested')
        ) as is_abandoned,
        (is_offered and connected_at is null and disconnect_reason = 'callback_requested') as is_callback_requested,
        (is_offered and connected_at is null and disconnect_reason in ('transfer', 'flow_out')) as is_flowed_out,
        (is_handled and (coalesce(hold_count, 0) > 0 or coalesce(hold_seconds, 0) > 0)) as is_held,
        (is_handled and disconnect_reason = 'transfer') as is_transferred_out,
        (initiation_method = 'transfer') as is_transfer_leg

    from measured

),

localised as (

    select
        *,
        (is_abandoned and wait_seconds <= short_abandon_seconds) as is_abandoned_short,
        (is_answered and wait_seconds <= sl_threshold_seconds) as is_answered_within_t,
        (is_abandoned and wait_seconds <= sl_threshold_seconds) as is_abandoned_within_t,
        {{ to_local_timestamp('enqueued_at', 'time_zone') }} as enqueued_at_local,
        {{ to_local_timestamp('handling_ended_at', 'time_zone') }} as handling_ended_at_local

    from flagged

),

final as (

    select
        contact_id,
        initial_contact_id,
        previous_contact_id,
        channel,
        direction,
        initiation_method,
        queue_id,
        agent_id,
        customer_id,
        contact_reason,
        disconnect_reason,
        resolution_status,
        sale_outcome,
        time_zone,
        sl_threshold_seconds,
        short_abandon_seconds,
        initiated_at,
        enqueued_at,
        connected_at,
        disconnected_at,
        acw_ended_at,
        handling_ended_at,
        cast(initiated_at as date) as initiated_date,
        cast(enqueued_at_local as date) as queue_date,
        {{ interval_start('enqueued_at_local', 30) }} as queue_interval_start_local,
        cast(handling_ended_at_local as date) as handled_date,
        {{ interval_start('handling_ended_at_local', 30) }} as handled_interval_start_local,
        wait_seconds,
        talk_seconds,
        hold_seconds,
        hold_count,
        acw_seconds,
        is_offered,
        is_answered,
        is_abandoned,
        is_abandoned_short,
        is_answered_within_t,
        is_abandoned_within_t,
        is_callback_requested,
        is_flowed_out,
        is_handled,
        is_held,
        is_transferred_out,
        is_transfer_leg,
        updated_at,
        loaded_at,
        changes_through_at

    from localised

)

select * from final
