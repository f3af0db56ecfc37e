{% macro abandons_all_timed(agg='sum') -%}
    {#- True when every abandon has a known wait. Sources that do not record how long an abandoning
        caller waited (e.g. the PwC sheet) cannot tell short abandons from others, so the KPIs that
        need that distinction are NULL for them rather than silently assuming none were short. -#}
    ({{ agg }}(abandoned_timed) >= {{ agg }}(abandoned))
{%- endmacro %}
