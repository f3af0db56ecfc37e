{#- The days the day-rebuilt staging models rebuilt, per incremental build (written by their
    pre-hook, macro record_changed_days). -#}

select
    model_name,
    day as date_day,
    rebuilt_at

from {{ source('guard', 'rebuilt_days') }}
