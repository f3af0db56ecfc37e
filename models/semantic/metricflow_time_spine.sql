{#- MetricFlow's time spine (registered in _semantic__time_spine.yml): one row per calendar day, wide
    enough for any contact-center history, so metric_time can be rolled up to week, month, quarter
    or year and cumulative metrics have every day to join to. -#}

{{ config(materialized='table', schema='semantic') }}

with

days as (

    {{ date_spine("cast('2000-01-01' as date)", "cast('2049-12-31' as date)") }}

),

final as (

    select cast(date_day as date) as date_day
    from days

)

select * from final
