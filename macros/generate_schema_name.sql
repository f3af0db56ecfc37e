{% macro generate_schema_name(custom_schema_name, node) -%}
    {#- Layers get plain schema names (staging, intermediate, marts, reference) instead of
        dbt's default <target>_<custom>, so BI tools and users see stable names. -#}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
