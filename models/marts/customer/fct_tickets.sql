-- grain: one row per ticket
{# One row per help-desk ticket (latest version) with its durations and local attribution days. -#}

with

tickets as (

    select * from {{ ref('int_tickets_measured') }}

)

select * from tickets
