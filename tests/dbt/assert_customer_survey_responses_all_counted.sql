-- Every survey response in staging is counted exactly once in fct_survey_agent_queue_daily, matched
-- or not (responses with no matching contact on center-level rows), and every counted response is
-- a CSAT, NPS or CES response or an invalid one. Returns the violations.

with

responses as (

    select * from {{ ref('stg_surveys__responses') }}

),

daily as (

    select * from {{ ref('fct_survey_agent_queue_daily') }}

),

staged as (

    select
        count(*) as responses,
        sum({{ bool_to_int("survey_type = 'csat'") }}) as csat_typed
    from responses

),

counted as (

    select
        sum(survey_responses) as responses,
        sum(csat_responses) as csat_counted,
        sum(survey_responses_unmatched) as unmatched_counted
    from daily

),

totals as (

    select
        'total' as check_name,
        staged.responses as expected,
        counted.responses as actual
    from staged
    cross join counted

    union all

    select
        'csat not above delivered csat' as check_name,
        staged.csat_typed as expected,
        least(counted.csat_counted, staged.csat_typed) as actual
    from staged
    cross join counted

),

row_balance as (

    select
        'row types ' || cast(date_day as {{ dbt.type_string() }}) as check_name,
        survey_responses as expected,
        csat_responses + nps_responses + ces_responses + survey_responses_invalid as actual
    from daily

    union all

    select
        'unmatched rows have no queue ' || cast(date_day as {{ dbt.type_string() }}) as check_name,
        0 as expected,
        survey_responses_unmatched as actual
    from daily
    where queue_id is not null

)

select * from totals
where expected != actual
union all
select * from row_balance
where expected != actual
