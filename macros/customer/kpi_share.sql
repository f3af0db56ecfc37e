{% macro kpi_share(count_expression, partition_by) -%}
    {#- A count as a share of its total over `partition_by` (e.g. channel contacts / all contacts of
        the month), computed after the counts are rolled up: sum(count) / sum(sum(count)) over (...). -#}
    {{ safe_ratio(
        'sum(' ~ count_expression ~ ')',
        'sum(sum(' ~ count_expression ~ ')) over (partition by ' ~ (partition_by | join(', ')) ~ ')'
    ) }}
{%- endmacro %}
