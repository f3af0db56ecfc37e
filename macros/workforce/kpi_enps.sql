{% macro kpi_enps(agg='sum') -%}
    {{ safe_ratio(
        '100 * (' ~ agg ~ '(enps_promoters) - ' ~ agg ~ '(enps_detractors))',
        agg ~ '(enps_responses)'
    ) }}
{%- endmacro %}
