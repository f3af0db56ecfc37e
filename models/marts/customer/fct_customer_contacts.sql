-- grain: one row per customer contact (initial_contact_id: the first leg and its transfers and callbacks)
{# One row per customer contact (transfer and callback legs folded into the contact), attributed to
    its final handled leg, with its resolution outcomes: the contact-level facts behind FCR, repeat
    contact rate and the contact mix, for medians and drill-downs. -#}

with

customer_contacts as (

    select * from {{ ref('int_customer_contacts_resolved') }}

)

select * from customer_contacts
