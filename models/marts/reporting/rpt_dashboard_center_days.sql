-- grain: one row per center-local day (var center_time_zone)
{{ config(materialized='view') }}

{# The dashboard's center workforce and cost panel: occupancy, adherence, shrinkage, utilization and
    cost per contact components per day (kpi_components over fct_center_workforce_daily). #}

with

center_days as (

    select * from {{ ref('fct_center_workforce_daily') }}

),

summed as (

    select
        date_day,
        cast(sum(agents_logged_in) as {{ dbt.type_bigint() }}) as agents_logged_in,
        cast(sum(handled) as {{ dbt.type_bigint() }}) as handled,
        cast(sum(paid_seconds) as double) as paid_seconds,
        cast(sum(labour_cost) + sum(non_labour_cost) as double) as total_cost,
        {{ kpi_components(kpi_occupancy_parts(), 'occupancy') }},
        {{ kpi_components(kpi_adherence_parts(), 'adherence') }},
        {{ kpi_components(kpi_shrinkage_parts(), 'shrinkage') }},
        {{ kpi_components(kpi_utilization_parts(), 'utilization') }},
        {{ kpi_components(kpi_cost_per_contact_parts(), 'cost_per_contact') }}

    from center_days
    group by date_day

)

select * from summed
