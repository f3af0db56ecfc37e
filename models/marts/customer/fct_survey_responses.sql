-- grain: one row per survey response
{# One row per survey response with its scoring and attribution (the response-level facts behind
    the survey components). -#}

with

responses as (

    select * from {{ ref('int_survey_responses_scored') }}

)

select * from responses
