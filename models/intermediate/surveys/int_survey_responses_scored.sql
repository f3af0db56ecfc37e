{#- One row per survey response, scored with the catalog's rules and attributed to the surveyed
    contact leg (its agent, queue and attribution day). A response with no matching contact is kept,
    with a null queue and agent, on the local day it was given in var('center_time_zone'). -#}

with

responses as (

    select * from {{ ref('stg_surveys__responses') }}

),

legs as (

    select * from {{ ref('int_contact_legs_measured') }}

),

matched as (

    select
        responses.survey_response_id,
        responses.contact_id,
        legs.initial_contact_id,
        responses.customer_id,
        responses.survey_type,
        responses.score,
        responses.scale_min,
        responses.scale_max,
        responses.responded_at,
        legs.contact_id is not null as is_contact_matched,
        legs.queue_id,
        case when legs.is_handled then legs.agent_id end as agent_id,
        coalesce(
            legs.handled_date,
            legs.queue_date,
            cast({{ to_local_timestamp('legs.initiated_at', 'legs.time_zone') }} as date),
            cast({{ to_local_timestamp('responses.responded_at', "'" ~ var('center_time_zone') ~ "'") }} as date)
        ) as date_day

    from responses
    left join legs
        on responses.contact_id = legs.contact_id

),

validated as (

    select
        *,
        (
            survey_type = 'csat'
            and scale_max > scale_min
            and score between scale_min and scale_max
        ) as is_csat,
        (
            survey_type = 'nps'
            and scale_min = 0
            and scale_max = 10
            and score between 0 and 10
        ) as is_nps,
        (
            survey_type = 'ces'
            and scale_min = 1
            and scale_max = 7
            and score between 1 and 7
        ) as is_ces

    from matched

),

scored as (

    select
        survey_response_id,
        contact_id,
        initial_contact_id,
        customer_id,
        survey_type,
        score,
        scale_min,
        scale_max,
        responded_at,
        is_contact_matched,
        queue_id,
        agent_id,
        date_day,
        is_csat,
        is_nps,
        is_ces,
        coalesce(is_csat or is_nps or is_ces, false) as is_valid,
        coalesce(is_csat and {{ csat_is_top_box('score', 'scale_min', 'scale_max') }}, false) as is_csat_top_box,
        case when is_csat then {{ score_normalised('score', 'scale_min', 'scale_max') }} end as csat_score_normalised,
        coalesce(is_nps and score >= 9, false) as is_nps_promoter,
        coalesce(is_nps and score between 7 and 8, false) as is_nps_passive,
        coalesce(is_nps and score <= 6, false) as is_nps_detractor,
        case when is_ces then score end as ces_score,
        coalesce(is_ces and score >= 5, false) as is_ces_low_effort

    from validated

)

select * from scored
