{% macro kpi_fcr(agg='sum', variant=none) -%}
    {#- First contact resolution. repeat_window (default): resolved with no repeat within
        var('fcr_repeat_window_days') / eligible (window passed); disposition: final disposition
        resolved / handled customer contacts; survey: top-box CSAT / customer contacts with a CSAT answer. -#}
    {%- set variant = variant or var('fcr_variant', 'repeat_window') -%}
    {%- if variant == 'repeat_window' -%}
        {{ safe_ratio(agg ~ '(fcr_resolved)', agg ~ '(fcr_eligible)') }}
    {%- elif variant == 'disposition' -%}
        {{ safe_ratio(agg ~ '(fcr_disposition_resolved)', agg ~ '(fcr_disposition_contacts)') }}
    {%- elif variant == 'survey' -%}
        {{ safe_ratio(agg ~ '(fcr_survey_resolved)', agg ~ '(fcr_survey_contacts)') }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown fcr_variant: " ~ variant) }}
    {%- endif -%}
{%- endmacro %}
