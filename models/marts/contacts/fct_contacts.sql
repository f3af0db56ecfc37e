with

legs as (

    select * from {{ ref('int_contact_legs_measured') }}

)

select * from legs
