{#- The two building blocks of every KPI: one guarded division, and 0/1 counts of a condition. -#}

{% macro safe_ratio(numerator, denominator) -%}
    {#- Rule 5 of the KPI catalog: a zero denominator gives NULL, never 0 and never an error. -#}
    (cast({{ numerator }} as double) / nullif({{ denominator }}, 0))
{%- endmacro %}

{% macro bool_to_int(condition) -%}
    (case when {{ condition }} then 1 else 0 end)
{%- endmacro %}

{% macro kpi_share(count_expression, partition_by) -%}
    {#- A count as a share of its total over `partition_by` (e.g. channel contacts / all contacts of
        the month), computed after the counts are rolled up: sum(count) / sum(sum(count)) over (...). -#}
    {%- set total -%}
        sum(sum({{ count_expression }})) over (partition by {{ partition_by | join(', ') }})
    {%- endset -%}
    {{ safe_ratio('sum(' ~ count_expression ~ ')', total) }}
{%- endmacro %}
