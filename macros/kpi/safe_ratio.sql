{% macro safe_ratio(numerator, denominator) -%}
    {#- Rule 5 of the KPI catalog: a zero denominator gives NULL, never 0 and never an error. -#}
    (cast({{ numerator }} as double) / nullif({{ denominator }}, 0))
{%- endmacro %}
