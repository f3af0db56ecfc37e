{#- One row per order, with the contact leg it is attributed to when that leg was handled by an
    agent (agent, queue and the leg's handling day), and its local month in var('center_time_zone'). -#}

with

orders as (

    select * from {{ ref('stg_crm__orders') }}

),

legs as (

    select * from {{ ref('int_contact_legs_measured') }}

),

attributed as (

    select
        orders.order_id,
        orders.customer_id,
        orders.contact_id,
        orders.ordered_at,
        orders.amount,
        coalesce(legs.is_handled, false) as is_contact_attributed,
        case when legs.is_handled then legs.queue_id end as queue_id,
        case when legs.is_handled then legs.agent_id end as agent_id,
        case when legs.is_handled then legs.handled_date end as handled_date,
        cast(
            {{ dbt.date_trunc(
                'month', to_local_timestamp('orders.ordered_at', "'" ~ var('center_time_zone') ~ "'")
            ) }} as date
        ) as order_month

    from orders
    left join legs
        on orders.contact_id = legs.contact_id

)

select * from attributed
