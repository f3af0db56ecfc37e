{#- Workforce KPIs over summed fct_agent_daily / fct_center_workforce_daily /
    fct_queue_workforce_daily / fct_queue_workforce_intervals / fct_team_monthly components. -#}

{# ---- agent time ---- #}

{% macro kpi_occupancy() -%}
    {{ safe_ratio('sum(handling_seconds)', '(sum(handling_seconds) + sum(available_seconds))') }}
{%- endmacro %}

{% macro kpi_utilization() -%}
    {{ safe_ratio('sum(handling_seconds)', 'sum(paid_seconds)') }}
{%- endmacro %}

{% macro kpi_adherence() -%}
    {{ safe_ratio('sum(adherent_seconds)', 'sum(paid_seconds)') }}
{%- endmacro %}

{% macro kpi_conformance() -%}
    {{ safe_ratio('sum(actual_on_queue_seconds)', 'sum(scheduled_on_queue_seconds)') }}
{%- endmacro %}

{% macro kpi_shrinkage(variant='total') -%}
    {#- total (default): scheduled seconds the agent was not in an on-queue state / scheduled seconds.
        planned: scheduled seconds of activities other than on_queue / scheduled seconds. -#}
    {%- if variant == 'total' -%}
        {{ safe_ratio('sum(scheduled_unavailable_seconds)', 'sum(scheduled_seconds)') }}
    {%- elif variant == 'planned' -%}
        {{ safe_ratio('(sum(scheduled_seconds) - sum(scheduled_on_queue_seconds))', 'sum(scheduled_seconds)') }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown shrinkage variant: " ~ variant) }}
    {%- endif -%}
{%- endmacro %}

{% macro kpi_contacts_per_hour() -%}
    {{ safe_ratio('sum(handled)', '(sum(logged_in_seconds) / 3600.0)') }}
{%- endmacro %}

{% macro kpi_cost_per_contact() -%}
    {{ safe_ratio('(sum(labour_cost) + sum(non_labour_cost))', 'sum(handled)') }}
{%- endmacro %}

{# ---- forecast accuracy and staffing ---- #}

{% macro kpi_wape() -%}
    {{ safe_ratio('sum(forecast_abs_error)', 'sum(actual_offered)') }}
{%- endmacro %}

{% macro kpi_forecast_accuracy() -%}
    (1 - {{ kpi_wape() }})
{%- endmacro %}

{% macro kpi_forecast_bias() -%}
    {{ safe_ratio('(sum(forecast_offered) - sum(actual_offered))', 'sum(actual_offered)') }}
{%- endmacro %}

{% macro kpi_mape() -%}
    {{ safe_ratio('sum(forecast_ape_sum)', 'sum(mape_intervals)') }}
{%- endmacro %}

{% macro kpi_staffing_coverage() -%}
    {{ safe_ratio('sum(scheduled_on_queue_seconds)', 'sum(required_seconds)') }}
{%- endmacro %}

{% macro kpi_understaffed_share() -%}
    {{ safe_ratio('sum(understaffed_intervals)', 'sum(staffing_intervals)') }}
{%- endmacro %}

{% macro kpi_overstaffed_share() -%}
    {{ safe_ratio('sum(overstaffed_intervals)', 'sum(staffing_intervals)') }}
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
