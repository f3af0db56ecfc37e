-- grain: one row per month x mix dimension x mix value (center level)
{{ config(materialized='view') }}

{#- Channel mix and contact-type mix per month (of the contacts' local days), center level: counts
    rolled up from fct_contact_mix_daily first, then each count's share of the month's contacts. -#}

with

daily as (

    select * from {{ ref('fct_contact_mix_daily') }}

),

monthly as (

    select
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start_date,
        channel,
        contact_type,
        contacts

    from daily

),

channel_mix as (

    select
        month_start_date,
        'channel' as mix_dimension,
        channel as mix_value,
        sum(contacts) as contacts,
        {{ kpi_share('contacts', ['month_start_date']) }} as contact_share

    from monthly
    group by month_start_date, channel

),

contact_type_mix as (

    select
        month_start_date,
        'contact_type' as mix_dimension,
        contact_type as mix_value,
        sum(contacts) as contacts,
        {{ kpi_share('contacts', ['month_start_date']) }} as contact_share

    from monthly
    group by month_start_date, contact_type

),

final as (

    select * from channel_mix
    union all
    select * from contact_type_mix

)

select * from final
