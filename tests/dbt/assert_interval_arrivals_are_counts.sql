-- Arrival counts are non-negative, and a non-integer count is only allowed where the row is flagged as
-- imputed (the published 1999 bank counts carry x.5 values on one imputed day).

with

arrivals as (

    select * from {{ ref('stg_counts__interval_arrivals') }}

)

select *
from arrivals
where
    arrivals < 0
    or (arrivals != floor(arrivals) and not is_imputed)
