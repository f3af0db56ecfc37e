-- grain: one row per queue x local 30-minute interval (the queue's time zone)
{# Forecast accuracy and staffing components per queue x local 30-minute interval, for queues with
    offered contacts or a forecast (int_queue_workload_intervals). Forecast: the latest version
    created before the interval start; intervals with contacts but no forecast count with forecast 0.
    Staffing (real-time queues only): Erlang C requirement from actual contacts and AHT vs
    agent-seconds scheduled on_queue for the queue; scheduled_agents = scheduled_on_queue_seconds / 1800. -#}

with

workload as (

    select * from {{ ref('int_queue_workload_intervals') }}

),

staffing as (

    select * from {{ ref('int_queue_staffing_calculated') }}

),

joined as (

    select
        workload.*,
        actual_staffing.traffic_erlangs,
        actual_staffing.required_agents_on_queue,
        actual_staffing.required_agents,
        actual_staffing.service_level as expected_service_level,
        actual_staffing.wait_probability as expected_wait_probability,
        actual_staffing.asa_seconds as expected_asa_seconds,
        actual_staffing.occupancy as expected_occupancy,
        forecast_staffing.traffic_erlangs as forecast_traffic_erlangs,
        forecast_staffing.required_agents as required_agents_forecast,
        workload.scheduled_on_queue_seconds / workload.interval_seconds as scheduled_agents

    from workload
    left join staffing as actual_staffing
        on
            workload.queue_id = actual_staffing.queue_id
            and workload.interval_start_local = actual_staffing.interval_start_local
            and actual_staffing.basis = 'actual'
    left join staffing as forecast_staffing
        on
            workload.queue_id = forecast_staffing.queue_id
            and workload.interval_start_local = forecast_staffing.interval_start_local
            and forecast_staffing.basis = 'forecast'

),

final as (

    select
        queue_id,
        interval_start_local,
        date_day,
        is_realtime,
        cast(actual_offered as {{ dbt.type_bigint() }}) as actual_offered,
        cast(handled as {{ dbt.type_bigint() }}) as handled,
        cast(handle_seconds as double) as handle_seconds,
        cast(forecast_offered as double) as forecast_offered,
        cast(forecast_workload_seconds as double) as forecast_workload_seconds,
        forecast_created_at,
        cast({{ bool_to_int('has_forecast') }} as {{ dbt.type_bigint() }}) as forecast_intervals,
        cast(abs(forecast_offered - actual_offered) as double) as forecast_abs_error,
        cast(
            case when actual_offered > 0 then abs(forecast_offered - actual_offered) / actual_offered else 0 end
            as double
        ) as forecast_ape_sum,
        cast({{ bool_to_int('actual_offered > 0') }} as {{ dbt.type_bigint() }}) as mape_intervals,
        cast({{ bool_to_int('actual_offered = 0 and has_forecast') }} as {{ dbt.type_bigint() }})
            as zero_actual_intervals,
        cast(aht_seconds as double) as aht_seconds,
        aht_source,
        cast(sl_threshold_seconds as integer) as sl_threshold_seconds,
        cast(sl_target as double) as sl_target,
        cast(traffic_erlangs as double) as traffic_erlangs,
        cast(required_agents_on_queue as integer) as required_agents_on_queue,
        cast(required_agents as integer) as required_agents,
        cast(expected_service_level as double) as expected_service_level,
        cast(expected_wait_probability as double) as expected_wait_probability,
        cast(expected_asa_seconds as double) as expected_asa_seconds,
        cast(expected_occupancy as double) as expected_occupancy,
        cast(forecast_traffic_erlangs as double) as forecast_traffic_erlangs,
        cast(required_agents_forecast as integer) as required_agents_forecast,
        cast(scheduled_agents as double) as scheduled_agents,
        cast(scheduled_on_queue_seconds as double) as scheduled_on_queue_seconds,
        cast(coalesce(required_agents * interval_seconds, 0) as double) as required_seconds,
        cast(coalesce(required_agents_forecast * interval_seconds, 0) as double) as required_seconds_forecast,
        cast({{ bool_to_int('required_agents is not null') }} as {{ dbt.type_bigint() }}) as staffing_intervals,
        cast(
            {{ bool_to_int('scheduled_agents < required_agents - ' ~ var('staffing_tolerance_agents')) }}
            as {{ dbt.type_bigint() }}
        ) as understaffed_intervals,
        cast(
            {{ bool_to_int('scheduled_agents > required_agents + ' ~ var('staffing_tolerance_agents')) }}
            as {{ dbt.type_bigint() }}
        ) as overstaffed_intervals

    from joined

)

select * from final
