{#- Workforce KPIs over summed fct_agent_daily / fct_center_workforce_daily /
    fct_queue_workforce_daily / fct_queue_workforce_intervals / fct_team_monthly components. -#}

{# ---- agent time ---- #}

{% macro kpi_occupancy_parts() -%}
    {{ return({'numerator': 'sum(handling_seconds)', 'denominator': '(sum(handling_seconds) + sum(available_seconds))'}) }}
{%- endmacro %}

{% macro kpi_occupancy() -%}
    {{ kpi_ratio(kpi_occupancy_parts()) }}
{%- endmacro %}

{% macro kpi_utilization_parts() -%}
    {{ return({'numerator': 'sum(handling_seconds)', 'denominator': 'sum(paid_seconds)'}) }}
{%- endmacro %}

{% macro kpi_utilization() -%}
    {{ kpi_ratio(kpi_utilization_parts()) }}
{%- endmacro %}

{% macro kpi_adherence_parts() -%}
    {{ return({'numerator': 'sum(adherent_seconds)', 'denominator': 'sum(paid_seconds)'}) }}
{%- endmacro %}

{% macro kpi_adherence() -%}
    {{ kpi_ratio(kpi_adherence_parts()) }}
{%- endmacro %}

{% macro kpi_conformance_parts() -%}
    {{ return({'numerator': 'sum(actual_on_queue_seconds)', 'denominator': 'sum(scheduled_on_queue_seconds)'}) }}
{%- endmacro %}

{% macro kpi_conformance() -%}
    {{ kpi_ratio(kpi_conformance_parts()) }}
{%- endmacro %}

{% macro kpi_shrinkage_parts(variant='total') -%}
    {#- total (default): scheduled seconds the agent was not in an on-queue state / scheduled seconds.
        planned: scheduled seconds of activities other than on_queue / scheduled seconds. -#}
    {%- if variant == 'total' -%}
        {{ return({'numerator': 'sum(scheduled_unavailable_seconds)', 'denominator': 'sum(scheduled_seconds)'}) }}
    {%- elif variant == 'planned' -%}
        {{ return({'numerator': '(sum(scheduled_seconds) - sum(scheduled_on_queue_seconds))', 'denominator': 'sum(scheduled_seconds)'}) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown shrinkage variant: " ~ variant) }}
    {%- endif -%}
{%- endmacro %}

{% macro kpi_shrinkage(variant='total') -%}
    {{ kpi_ratio(kpi_shrinkage_parts(variant)) }}
{%- endmacro %}

{% macro kpi_contacts_per_hour_parts() -%}
    {{ return({'numerator': 'sum(handled)', 'denominator': '(sum(logged_in_seconds) / 3600.0)'}) }}
{%- endmacro %}

{% macro kpi_contacts_per_hour() -%}
    {{ kpi_ratio(kpi_contacts_per_hour_parts()) }}
{%- endmacro %}

{% macro kpi_cost_per_contact_parts() -%}
    {{ return({'numerator': '(sum(labour_cost) + sum(non_labour_cost))', 'denominator': 'sum(handled)'}) }}
{%- endmacro %}

{% macro kpi_cost_per_contact() -%}
    {{ kpi_ratio(kpi_cost_per_contact_parts()) }}
{%- endmacro %}

{# ---- forecast accuracy and staffing ---- #}

{% macro kpi_wape_parts() -%}
    {{ return({'numerator': 'sum(forecast_abs_error)', 'denominator': 'sum(actual_offered)'}) }}
{%- endmacro %}

{% macro kpi_wape() -%}
    {{ kpi_ratio(kpi_wape_parts()) }}
{%- endmacro %}

{% macro kpi_forecast_accuracy() -%}
    (1 - {{ kpi_wape() }})
{%- endmacro %}

{% macro kpi_forecast_bias_parts() -%}
    {{ return({'numerator': '(sum(forecast_offered) - sum(actual_offered))', 'denominator': 'sum(actual_offered)'}) }}
{%- endmacro %}

{% macro kpi_forecast_bias() -%}
    {{ kpi_ratio(kpi_forecast_bias_parts()) }}
{%- endmacro %}

{% macro kpi_mape() -%}
    {{ safe_ratio('sum(forecast_ape_sum)', 'sum(mape_intervals)') }}
{%- endmacro %}

{% macro kpi_staffing_coverage_parts() -%}
    {{ return({'numerator': 'sum(scheduled_on_queue_seconds)', 'denominator': 'sum(required_seconds)'}) }}
{%- endmacro %}

{% macro kpi_staffing_coverage() -%}
    {{ kpi_ratio(kpi_staffing_coverage_parts()) }}
{%- endmacro %}

{% macro kpi_understaffed_share_parts() -%}
    {{ return({'numerator': 'sum(understaffed_intervals)', 'denominator': 'sum(staffing_intervals)'}) }}
{%- endmacro %}

{% macro kpi_understaffed_share() -%}
    {{ kpi_ratio(kpi_understaffed_share_parts()) }}
{%- endmacro %}

{% macro kpi_overstaffed_share_parts() -%}
    {{ return({'numerator': 'sum(overstaffed_intervals)', 'denominator': 'sum(staffing_intervals)'}) }}
{%- endmacro %}

{% macro kpi_overstaffed_share() -%}
    {{ kpi_ratio(kpi_overstaffed_share_parts()) }}
{%- endmacro %}

{# ---- people ---- #}

{% macro kpi_esat() -%}
    {{ safe_ratio('sum(esat_top_box)', 'sum(esat_responses)') }}
{%- endmacro %}

{% macro kpi_enps() -%}
    {{ safe_ratio('100 * (sum(enps_promoters) - sum(enps_detractors))', 'sum(enps_responses)') }}
{%- endmacro %}

{% macro kpi_attrition_rate(annualised=true) -%}
    {#- leavers / average headcount, average headcount = (headcount_start + headcount_end) / 2 per
        month. Over several months the monthly averages add up: annualised = 12 * sum(leavers) /
        sum(average headcount) = 24 * sum(leavers) / (sum(headcount_start) + sum(headcount_end)); for
        the period = months * sum(leavers) / sum(average headcount), months counted as distinct
        month_start_date values in the group. Integer arithmetic until the one division. -#}
    {%- if annualised -%}
        {{ safe_ratio('24 * sum(leavers)', '(sum(headcount_start) + sum(headcount_end))') }}
    {%- else -%}
        {{ safe_ratio(
            '2 * count(distinct month_start_date) * sum(leavers)', '(sum(headcount_start) + sum(headcount_end))'
        ) }}
    {%- endif -%}
{%- endmacro %}
