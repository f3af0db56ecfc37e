-- grain: one row per queue x local day
{{ config(materialized='view') }}

{#- Queue x local day forecast accuracy, staffing and cost per contact from summed
    fct_queue_workforce_daily components (macros/kpi/workforce.sql). -#}

with

daily as (

    select * from {{ ref('fct_queue_workforce_daily') }}

),

kpis as (

    select
        queue_id,
        date_day,
        sum(actual_offered) as actual_offered,
        sum(forecast_offered) as forecast_offered,
        sum(handled) as handled,
        sum(labour_cost) as labour_cost,
        sum(non_labour_cost) as non_labour_cost,
        sum(staffing_intervals) as staffing_intervals,
        sum(understaffed_intervals) as understaffed_intervals,
        sum(overstaffed_intervals) as overstaffed_intervals,
        sum(zero_actual_intervals) as zero_actual_intervals,
        {{ kpi_wape() }} as wape,
        {{ kpi_forecast_accuracy() }} as forecast_accuracy,
        {{ kpi_mape() }} as mape,
        {{ kpi_forecast_bias() }} as forecast_bias,
        {{ kpi_staffing_coverage() }} as staffing_coverage,
        {{ kpi_understaffed_share() }} as understaffed_share,
        {{ kpi_overstaffed_share() }} as overstaffed_share,
        {{ kpi_cost_per_contact() }} as cost_per_contact

    from daily
    group by queue_id, date_day

)

select * from kpis
