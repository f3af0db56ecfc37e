{#- The two building blocks of every KPI: one guarded division, and 0/1 counts of a condition. -#}

{% macro safe_ratio(numerator, denominator) -%}
    {#- Rule 5 of the KPI catalog: a zero denominator gives NULL, never 0 and never an error. -#}
    (cast({{ numerator }} as double) / nullif({{ denominator }}, 0))
{%- endmacro %}

{% macro kpi_ratio(parts) -%}
    {#- A KPI from its parts (the kpi_<name>_parts macros): safe_ratio(numerator, denominator), times
        `scale` when given, NULL unless `guard` holds when given. Every kpi_<name> macro that has parts is
        this over them, so the parts are the formula's one home. -#}
    {%- set ratio = safe_ratio(parts['numerator'], parts['denominator']) -%}
    {%- if parts.get('scale') -%}{%- set ratio = '(' ~ parts['scale'] ~ ' * ' ~ ratio ~ ')' -%}{%- endif -%}
    {%- if parts.get('guard') -%}
        (case when {{ parts['guard'] }} then {{ ratio }} end)
    {%- else -%}
        {{ ratio }}
    {%- endif -%}
{%- endmacro %}

{% macro kpi_components(parts, alias) -%}
    {#- A KPI's summed numerator and denominator as two columns <alias>_n and <alias>_d (and its guard as
        <alias>_ok when it has one), for a reader that aggregates further: over any set of rows, the KPI is
        sum(<alias>_n) / sum(<alias>_d) (a sum skips NULLs, a zero denominator gives NULL), and NULL when any
        row's <alias>_ok is false. Each part is a linear combination of sums, so summing it over rows is
        the part over the union of the rows; a guard compares counts that are subsets per row
        (e.g. abandoned_timed <= abandoned), so it holds over the union exactly when it holds on every row. -#}
    cast({% if parts.get('scale') %}{{ parts['scale'] }} * {% endif %}{{ parts['numerator'] }} as double) as {{ alias }}_n,
    cast({{ parts['denominator'] }} as double) as {{ alias }}_d
    {%- if parts.get('guard') %},
    {{ parts['guard'] }} as {{ alias }}_ok
    {%- endif %}
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
