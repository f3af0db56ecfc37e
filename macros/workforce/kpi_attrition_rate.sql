{% macro kpi_attrition_rate(agg='sum', annualised=true) -%}
    {#- leavers / average headcount, average headcount = (headcount_start + headcount_end) / 2 per
        month. Over several months the monthly averages add up: annualised = 12 * sum(leavers) /
        sum(average headcount) = 24 * sum(leavers) / (sum(headcount_start) + sum(headcount_end)); for
        the period = months * sum(leavers) / sum(average headcount), months counted as distinct
        month_start_date values in the group. Integer arithmetic until the one division. -#}
    {%- set headcount_sum = '(' ~ agg ~ '(headcount_start) + ' ~ agg ~ '(headcount_end))' -%}
    {%- if annualised -%}
        {{ safe_ratio('24 * ' ~ agg ~ '(leavers)', headcount_sum) }}
    {%- else -%}
        {{ safe_ratio('2 * count(distinct month_start_date) * ' ~ agg ~ '(leavers)', headcount_sum) }}
    {%- endif -%}
{%- endmacro %}
