-- grain: one row per team x calendar month
{# People components per team x calendar month. Team = the roster version in effect at the moment
    counted (int_agent_roster_versioned); employment dates = the agent's current roster version.
    - headcount_start: employed when the month starts, i.e. at the end of the previous month (hired
      before the month's first day, not terminated before it; an agent hired on the 1st is a hire of
      the month, not also part of the opening headcount); headcount_end: employed after the month's
      last day (termination_date is the last day employed); hires / leavers: hire_date /
      termination_date within the month. Without team transfers
      headcount_end = headcount_start + hires - leavers.
    - employee survey responses on the agent's local month of responded_at: ESAT top box = 4-5 of a
      1-5 score; eNPS promoters 9-10, passives 7-8, detractors 0-6 of a 0-10 score; out-of-range or
      missing scores are not responses to that question.
    Months: every month from the first to the last day in dim_date or with a survey response. -#}

with

current_versions as (

    select * from {{ ref('int_agents_current') }}

),

roster_versions as (

    select * from {{ ref('int_agent_roster_versioned') }}

),

surveys as (

    select * from {{ ref('stg_hr__employee_surveys') }}

),

agent_time_zones as (

    select * from {{ ref('int_agent_time_zones_assigned') }}

),

calendar as (

    select * from {{ ref('dim_date') }}

),

responses as (

    select
        surveys.response_id,
        surveys.agent_id,
        surveys.responded_at,
        surveys.esat_score,
        surveys.enps_score,
        {%- set responded_at_local = to_local_timestamp(
            'surveys.responded_at', "coalesce(agent_time_zones.time_zone, 'UTC')"
        ) %}
        cast({{ dbt.date_trunc('month', responded_at_local) }} as date) as month_start_date

    from surveys
    left join agent_time_zones
        on surveys.agent_id = agent_time_zones.agent_id
    where surveys.responded_at is not null

),

bounds as (

    select
        min(month_start_date) as first_month,
        max(month_start_date) as last_month
    from (
        select cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start_date from calendar
        union all
        select month_start_date from responses
    ) as all_months

),

days as (

    {{ date_spine("(select first_month from bounds)", "(select last_month from bounds)") }}

),

months as (

    select distinct
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start_date,
        cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, dbt.date_trunc('month', 'date_day'))) }} as date)
            as month_end_date
    from days

),

agent_months as (

    -- bounded: agents employed at some point of the month (months x roster, no wider)
    select
        current_versions.agent_id,
        current_versions.termination_reason,
        coalesce(current_versions.hire_date, cast('1900-01-01' as date)) as hire_date,
        current_versions.termination_date,
        months.month_start_date,
        months.month_end_date

    from current_versions
    inner join months
        on
            coalesce(current_versions.hire_date, cast('1900-01-01' as date)) <= months.month_end_date
            and (
                current_versions.termination_date is null
                or current_versions.termination_date >= months.month_start_date
            )

),

employment_events as (

    select
        agent_id,
        month_start_date,
        cast(month_start_date as timestamp) as as_of_at,
        'headcount_start' as measure
    from agent_months
    where
        hire_date < month_start_date
        and (termination_date is null or termination_date >= month_start_date)

    union all

    select
        agent_id,
        month_start_date,
        cast({{ dbt.dateadd('day', 1, 'month_end_date') }} as timestamp) as as_of_at,
        'headcount_end' as measure
    from agent_months
    where termination_date is null or termination_date > month_end_date

    union all

    select
        agent_id,
        month_start_date,
        cast({{ dbt.dateadd('day', 1, 'hire_date') }} as timestamp) as as_of_at,
        'hires' as measure
    from agent_months
    where hire_date >= month_start_date

    union all

    select
        agent_id,
        month_start_date,
        cast({{ dbt.dateadd('day', 1, 'termination_date') }} as timestamp) as as_of_at,
        case when termination_reason = 'voluntary' then 'leavers_voluntary' else 'leavers' end as measure
    from agent_months
    where termination_date <= month_end_date

),

events_with_team as (

    select
        employment_events.month_start_date,
        employment_events.measure,
        roster_versions.team

    from employment_events
    left join roster_versions
        on
            employment_events.agent_id = roster_versions.agent_id
            and {{ workforce_valid_at('roster_versions', 'employment_events.as_of_at') }}

),

responses_with_team as (

    select
        responses.month_start_date,
        responses.esat_score,
        responses.enps_score,
        roster_versions.team

    from responses
    left join roster_versions
        on
            responses.agent_id = roster_versions.agent_id
            and {{ workforce_valid_at('roster_versions', 'responses.responded_at') }}
    where responses.month_start_date in (select months.month_start_date from months)

),

components as (

    select
        team,
        month_start_date,
        0 as esat_responses,
        0 as esat_top_box,
        0 as esat_score_sum,
        0 as enps_responses,
        0 as enps_promoters,
        0 as enps_passives,
        0 as enps_detractors,
        {{ bool_to_int("measure = 'headcount_start'") }} as headcount_start,
        {{ bool_to_int("measure = 'headcount_end'") }} as headcount_end,
        {{ bool_to_int("measure = 'hires'") }} as hires,
        {{ bool_to_int("measure in ('leavers', 'leavers_voluntary')") }} as leavers,
        {{ bool_to_int("measure = 'leavers_voluntary'") }} as leavers_voluntary
    from events_with_team

    union all

    select
        team,
        month_start_date,
        {{ bool_to_int('esat_score between 1 and 5') }} as esat_responses,
        {{ bool_to_int('esat_score between 4 and 5') }} as esat_top_box,
        case when esat_score between 1 and 5 then esat_score else 0 end as esat_score_sum,
        {{ bool_to_int('enps_score between 0 and 10') }} as enps_responses,
        {{ bool_to_int('enps_score between 9 and 10') }} as enps_promoters,
        {{ bool_to_int('enps_score between 7 and 8') }} as enps_passives,
        {{ bool_to_int('enps_score between 0 and 6') }} as enps_detractors,
        0 as headcount_start,
        0 as headcount_end,
        0 as hires,
        0 as leavers,
        0 as leavers_voluntary
    from responses_with_team

),

final as (

    select
        team,
        month_start_date,
        {% for c in ['esat_responses', 'esat_top_box', 'esat_score_sum', 'enps_responses', 'enps_promoters',
                     'enps_passives', 'enps_detractors', 'headcount_start', 'headcount_end', 'hires',
                     'leavers', 'leavers_voluntary'] -%}
            cast(sum({{ c }}) as {{ dbt.type_bigint() }}) as {{ c }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from components
    group by team, month_start_date

)

select * from final
