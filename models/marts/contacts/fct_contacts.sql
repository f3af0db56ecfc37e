-- grain: one row per contact leg (contact_id)
{# The legs' columns but the build watermark (changes_through_at): the contract's list. #}

with

legs as (

    select * from {{ ref('int_contact_legs_measured') }}

)

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
    initiated_date,
    queue_date,
    queue_interval_start_local,
    handled_date,
    handled_interval_start_local,
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
    loaded_at

from legs
