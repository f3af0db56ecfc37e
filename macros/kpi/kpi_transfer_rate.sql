{% macro kpi_transfer_rate(agg='sum') -%}
    {{ safe_ratio(agg ~ '(transferred_out)', agg ~ '(handled)') }}
{%- endmacro %}
