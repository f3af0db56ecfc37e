{% macro row_fingerprint(columns) -%}
    {#- An aggregate: a 64-bit fingerprint of a group's rows over `columns` (a list of expressions),
        independent of row order. Equal groups give equal values; a changed, added or removed row
        changes it (barring a 1-in-2^64 collision). For finding what changed since the last build
        without storing a copy of the input; the values are only compared on the engine that made
        them (each engine hashes differently). -#}
    {{ return(adapter.dispatch('row_fingerprint', 'contact_center')(columns)) }}
{%- endmacro %}

{% macro default__row_fingerprint(columns) -%}
    bit_xor(hash({{ columns | join(', ') }}))
{%- endmacro %}

{% macro spark__row_fingerprint(columns) -%}
    bit_xor(xxhash64({{ columns | join(', ') }}))
{%- endmacro %}
