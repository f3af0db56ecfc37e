{% macro kpi_nps(agg='sum') -%}
    {#- (promoters - detractors) / responses x 100, on -100..100. -#}
    (100 * {{ safe_ratio(
        '(' ~ agg ~ '(nps_promoters) - ' ~ agg ~ '(nps_detractors))',
        agg ~ '(nps_responses)'
    ) }})
{%- endmacro %}
