{% macro score_normalised(score, scale_min, scale_max) -%}
    {#- A score mapped onto 0-1 (scale minimum -> 0, maximum -> 1), so scales can be averaged together. -#}
    (cast({{ score }} - {{ scale_min }} as double) / nullif({{ scale_max }} - {{ scale_min }}, 0))
{%- endmacro %}
