-- Across teams (team transfers cancel out), each month's headcount at the end equals the headcount at
-- the start plus hires minus leavers. Returns the months that do not roll forward.

with

monthly as (

    select * from {{ ref('fct_team_monthly') }}

),

center_months as (

    select
        month_start_date,
        sum(headcount_start) as headcount_start,
        sum(headcount_end) as headcount_end,
        sum(hires) as hires,
        sum(leavers) as leavers
    from monthly
    group by month_start_date

)

select *
from center_months
where headcount_end != headcount_start + hires - leavers
