-- grain: one row per agent x queue x local day
{# Survey components per agent x queue x local day of the surveyed contact (KPI catalog rule 3).
    Responses with no matching contact sit on rows with a null queue and agent, on the day they were
    given (var center_time_zone): counted at center level, never dropped. -#}

with

responses as (

    select * from {{ ref('int_survey_responses_scored') }}

),

aggregated as (

    select
        date_day,
        queue_id,
        agent_id,
        cast(count(*) as {{ dbt.type_bigint() }}) as survey_responses,
        cast(sum({{ bool_to_int('not is_contact_matched') }}) as {{ dbt.type_bigint() }}) as survey_responses_unmatched,
        cast(sum({{ bool_to_int('not is_valid') }}) as {{ dbt.type_bigint() }}) as survey_responses_invalid,
        cast(sum({{ bool_to_int('is_csat') }}) as {{ dbt.type_bigint() }}) as csat_responses,
        cast(sum({{ bool_to_int('is_csat_top_box') }}) as {{ dbt.type_bigint() }}) as csat_top_box,
        cast(coalesce(sum(csat_score_normalised), 0) as double) as csat_score_sum,
        cast(sum({{ bool_to_int('is_nps') }}) as {{ dbt.type_bigint() }}) as nps_responses,
        cast(sum({{ bool_to_int('is_nps_promoter') }}) as {{ dbt.type_bigint() }}) as nps_promoters,
        cast(sum({{ bool_to_int('is_nps_passive') }}) as {{ dbt.type_bigint() }}) as nps_passives,
        cast(sum({{ bool_to_int('is_nps_detractor') }}) as {{ dbt.type_bigint() }}) as nps_detractors,
        cast(sum({{ bool_to_int('is_ces') }}) as {{ dbt.type_bigint() }}) as ces_responses,
        cast(coalesce(sum(ces_score), 0) as double) as ces_score_sum,
        cast(sum({{ bool_to_int('is_ces_low_effort') }}) as {{ dbt.type_bigint() }}) as ces_low_effort

    from responses
    group by date_day, queue_id, agent_id

)

select * from aggregated
