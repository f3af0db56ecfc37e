{% macro kpi_aht(agg='sum') -%}
    {#- NULL when some handled contacts have no known ACW (the platform does not report wrap-up);
        unknown hold needs no guard, because talk then already includes the hold time. -#}
    (case when {{ agg }}(handled_acw_known) >= {{ agg }}(handled) then {{ safe_ratio(
        '(' ~ agg ~ '(talk_seconds) + coalesce(' ~ agg ~ '(hold_seconds), 0) + coalesce(' ~ agg ~ '(acw_seconds), 0))',
        agg ~ '(handled)'
    ) }} end)
{%- endmacro %}
