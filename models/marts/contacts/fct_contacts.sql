-- grain: one row per contact leg (contact_id)
with

legs as (

    select * from {{ ref('int_contact_legs_measured') }}

)

select * from legs
