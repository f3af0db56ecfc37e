-- Per agent x local interval: no component is negative (overlapping state spans or overlapping
-- scheduled activities of one agent would make exceptions negative), logged-in time fits in the
-- interval (1,800 s; 3,600 s on the DST fall-back night, when a local half-hour happens twice),
-- logged_in = handling + available + auxiliary, and adherent time fits in the paid time.

with

intervals as (

    select * from {{ ref('fct_agent_intervals') }}

)

select *
from intervals
where
    least(
        logged_in_seconds, handling_seconds, available_seconds, auxiliary_seconds, actual_on_queue_seconds,
        scheduled_seconds, paid_seconds, scheduled_on_queue_seconds, adherent_seconds,
        exception_not_logged_in_seconds, exception_wrong_state_seconds, unscheduled_logged_in_seconds,
        scheduled_unavailable_seconds
    ) < -1e-6
    or logged_in_seconds > 3600 + 1e-6
    or scheduled_seconds > 3600 + 1e-6
    or abs(logged_in_seconds - handling_seconds - available_seconds - auxiliary_seconds) > 1e-6
    or adherent_seconds > paid_seconds + 1e-6
