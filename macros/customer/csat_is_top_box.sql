{% macro csat_is_top_box(score, scale_min, scale_max) -%}
    {#- KPI catalog top box: 1-3 -> 3; 1-5 -> 4-5; 1-7 -> 6-7; 1-10 -> 9-10. In general: the top
        score on a scale of three points or fewer, the top two scores on longer scales. -#}
    ({{ score }} >= {{ scale_max }} - (case when {{ scale_max }} - {{ scale_min }} + 1 <= 3 then 0 else 1 end))
{%- endmacro %}
