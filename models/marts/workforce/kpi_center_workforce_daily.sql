-- grain: one row per local day (center level)
{{ config(materialized='view') }}

{#- Center x local day workforce KPIs and cost per contact from fct_center_workforce_daily. -#}

with

daily as (

    select * from {{ ref('fct_center_workforce_daily') }}

),

kpis as (

    select
        date_day,
        sum(handled) as handled,
        sum(labour_cost) as labour_cost,
        sum(non_labour_cost) as non_labour_cost,
        {{ kpi_occupancy() }} as occupancy,
        {{ kpi_utilization() }} as utilization,
        {{ kpi_adherence() }} as adherence,
        {{ kpi_conformance() }} as conformance,
        {{ kpi_shrinkage() }} as shrinkage,
        {{ kpi_shrinkage(variant='planned') }} as planned_shrinkage,
        {{ kpi_contacts_per_hour() }} as contacts_per_hour,
        {{ kpi_cost_per_contact() }} as cost_per_contact

    from daily
    group by date_day

)

select * from kpis
