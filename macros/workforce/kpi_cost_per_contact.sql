{% macro kpi_cost_per_contact(agg='sum') -%}
    {{ safe_ratio('(' ~ agg ~ '(labour_cost) + ' ~ agg ~ '(non_labour_cost))', agg ~ '(handled)') }}
{%- endmacro %}
