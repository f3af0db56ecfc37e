{#- Erlang C requirement per queue x local 30-minute interval, twice: from the actual offered contacts
    and AHT (basis 'actual') and from the forecast (basis 'forecast'). Traffic A = contacts x AHT /
    1800 s. required_agents_on_queue = smallest N > A with SL(N) >= the queue's target within its
    threshold T (and A / N <= var erlang_max_occupancy when set); required_agents = that / (1 - var
    erlang_shrinkage), rounded up. Zero traffic needs 0 agents; unknown AHT or an unattainable target
    (sl_target >= 1: Erlang C's SL(T) is below 1 for every finite N) gives NULL. Non-finite inputs
    (NaN or Infinity traffic, AHT, threshold or target, e.g. a NaN forecast) and negative traffic or
    AHT are NULLed here, before the recursion, which is also capped at var erlang_max_agents. Only
    real-time queues (is_realtime) are sized. The recursion is the macro erlang_c_staffing. -#}

with

workload as (

    select * from {{ ref('int_queue_workload_intervals') }}

),

raw_inputs as (

    select
        queue_id,
        interval_start_local,
        'actual' as basis,
        aht_seconds,
        sl_threshold_seconds,
        sl_target,
        actual_offered * aht_seconds / interval_seconds as traffic_erlangs

    from workload
    where is_realtime

    union all

    select
        queue_id,
        interval_start_local,
        'forecast' as basis,
        forecast_aht_seconds as aht_seconds,
        sl_threshold_seconds,
        sl_target,
        forecast_workload_seconds / interval_seconds as traffic_erlangs

    from workload
    where is_realtime

),

inputs as (

    -- non-finite or negative inputs are unknown (NULL): they must never reach the recursion
    select
        queue_id,
        interval_start_local,
        basis,
        case
            when {{ is_finite_number('aht_seconds') }} and aht_seconds > 0 then aht_seconds
        end as aht_seconds,
        case
            when {{ is_finite_number('sl_threshold_seconds') }} and sl_threshold_seconds >= 0
                then sl_threshold_seconds
        end as sl_threshold_seconds,
        case
            when {{ is_finite_number('sl_target') }} then sl_target
        end as sl_target,
        case
            when {{ is_finite_number('traffic_erlangs') }} and traffic_erlangs >= 0 then traffic_erlangs
        end as traffic_erlangs

    from raw_inputs

),

staffed as (

    {{ erlang_c_staffing('inputs', ['queue_id', 'interval_start_local', 'basis'], var('erlang_max_occupancy')) }}

),

final as (

    select
        inputs.queue_id,
        inputs.interval_start_local,
        inputs.basis,
        inputs.traffic_erlangs,
        inputs.aht_seconds,
        inputs.sl_threshold_seconds,
        inputs.sl_target,
        case
            when inputs.traffic_erlangs = 0 then 0
            when staffed.is_target_met then staffed.required_agents_on_queue
        end as required_agents_on_queue,
        case
            when inputs.traffic_erlangs = 0 then 0
            -- rounded to 6 decimals before ceil: 14 / (1 - 0.3) is 20.000000000000004 in floating point
            when staffed.is_target_met
                then cast(
                    ceil(round(staffed.required_agents_on_queue / (1 - {{ var('erlang_shrinkage') }}), 6)) as integer
                )
        end as required_agents,
        case when staffed.is_target_met then staffed.service_level end as service_level,
        case when staffed.is_target_met then staffed.wait_probability end as wait_probability,
        case when staffed.is_target_met then staffed.asa_seconds end as asa_seconds,
        case when staffed.is_target_met then staffed.occupancy end as occupancy

    from inputs
    left join staffed
        on
            inputs.queue_id = staffed.queue_id
            and inputs.interval_start_local = staffed.interval_start_local
            and inputs.basis = staffed.basis

)

select * from final
