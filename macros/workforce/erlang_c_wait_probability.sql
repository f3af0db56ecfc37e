{% macro erlang_c_wait_probability(agents, traffic, erlang_b) -%}
    {#- Erlang C probability of waiting from the Erlang B value of the same agents and traffic:
        P_w = N * B_N / (N - A * (1 - B_N)). Valid for N > A. -#}
    ({{ agents }} * {{ erlang_b }} / ({{ agents }} - {{ traffic }} * (1 - {{ erlang_b }})))
{%- endmacro %}
