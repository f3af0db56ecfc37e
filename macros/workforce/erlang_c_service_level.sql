{% macro erlang_c_service_level(agents, traffic, erlang_b, threshold_seconds, aht_seconds) -%}
    {#- Erlang C service level: SL(T) = 1 - P_w * exp(-(N - A) * T / AHT). Valid for N > A. -#}
    (1 - {{ erlang_c_wait_probability(agents, traffic, erlang_b) }}
        * exp(-({{ agents }} - {{ traffic }}) * {{ threshold_seconds }} / {{ aht_seconds }}))
{%- endmacro %}
