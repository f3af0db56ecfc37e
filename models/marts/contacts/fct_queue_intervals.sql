{#- Queue KPI components per queue x local 30-minute interval: the intraday view behind forecast
    accuracy and staffing. Sums of these rows equal the queue's rows in fct_agent_queue_daily. -#}

with

components as (

    select * from {{ ref('int_contact_components_attributed') }}

),

aggregated as (

    select
        queue_id,
        interval_start_local,
        date_day,
        {% set measures = contact_components()['double'] -%}
        {% for c in contact_components()['all'] -%}
            cast(sum({{ c }}) as {{ "double" if c in measures else dbt.type_bigint() }}) as {{ c }},
        {% endfor -%}
        cast(max(max_wait_seconds) as double) as max_wait_seconds

    from components
    group by queue_id, interval_start_local, date_day

)

select * from aggregated
