{% macro kpi_aht(agg='sum') -%}
    {{ safe_ratio(
        '(' ~ agg ~ '(talk_seconds) + ' ~ agg ~ '(hold_seconds) + ' ~ agg ~ '(acw_seconds))',
        agg ~ '(handled)'
    ) }}
{%- endmacro %}
