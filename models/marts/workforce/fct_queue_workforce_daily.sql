-- grain: one row per queue x local day
{# Workforce components per queue x local day: the day's fct_queue_workforce_intervals summed
    (forecast accuracy, staffing), contacts handled (fct_agent_queue_daily) and the labour and
    non-labour cost allocated to the queue (int_costs_allocated). Every queue with handled contacts,
    allocated cost or workload intervals has a row; queues outside Erlang C and forecast accuracy
    (not real-time, no forecast and no offered) carry zeros there. -#}

with

intervals as (

    select * from {{ ref('fct_queue_workforce_intervals') }}

),

agent_queue_daily as (

    select * from {{ ref('fct_agent_queue_daily') }}

),

costs as (

    select * from {{ ref('int_costs_allocated') }}

),

{%- set interval_sums = [
    'actual_offered', 'forecast_offered', 'forecast_workload_seconds', 'forecast_intervals',
    'forecast_abs_error', 'forecast_ape_sum', 'mape_intervals', 'zero_actual_intervals',
    'scheduled_on_queue_seconds', 'required_seconds', 'required_seconds_forecast',
    'staffing_intervals', 'understaffed_intervals', 'overstaffed_intervals',
] %}
{%- set double_sums = ['forecast_offered', 'forecast_abs_error', 'forecast_ape_sum'] %}

interval_days as (

    select
        queue_id,
        date_day,
        {% for c in interval_sums -%}
            sum({{ c }}) as {{ c }},
        {% endfor -%}
        count(*) as workload_intervals

    from intervals
    group by queue_id, date_day

),

handled_days as (

    select
        queue_id,
        date_day,
        sum(handled) as handled

    from agent_queue_daily
    group by queue_id, date_day

),

cost_days as (

    select
        queue_id,
        date_day,
        sum(case when cost_type = 'labour' then allocated_cost else 0 end) as labour_cost,
        sum(case when cost_type = 'non_labour' then allocated_cost else 0 end) as non_labour_cost

    from costs
    where queue_id is not null
    group by queue_id, date_day

),

day_keys as (

    select
        queue_id,
        date_day
    from interval_days

    union

    select
        queue_id,
        date_day
    from handled_days

    union

    select
        queue_id,
        date_day
    from cost_days

),

final as (

    select
        day_keys.queue_id,
        day_keys.date_day,
        cast(coalesce(interval_days.workload_intervals, 0) as {{ dbt.type_bigint() }}) as workload_intervals,
        {% for c in interval_sums -%}
            {%- set data_type = 'double' if ('seconds' in c or c in double_sums) else dbt.type_bigint() -%}
            cast(coalesce(interval_days.{{ c }}, 0) as {{ data_type }}) as {{ c }},
        {% endfor -%}
        cast(coalesce(handled_days.handled, 0) as {{ dbt.type_bigint() }}) as handled,
        cast(coalesce(cost_days.labour_cost, 0) as double) as labour_cost,
        cast(coalesce(cost_days.non_labour_cost, 0) as double) as non_labour_cost

    from day_keys
    left join interval_days
        on day_keys.queue_id = interval_days.queue_id and day_keys.date_day = interval_days.date_day
    left join handled_days
        on day_keys.queue_id = handled_days.queue_id and day_keys.date_day = handled_days.date_day
    left join cost_days
        on day_keys.queue_id = cost_days.queue_id and day_keys.date_day = cost_days.date_day

)

select * from final
