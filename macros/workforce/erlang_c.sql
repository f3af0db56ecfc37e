{#- Erlang C: probability of waiting and service level from Erlang B, and the staffing search. -#}

{% macro erlang_c_wait_probability(agents, traffic, erlang_b) -%}
    {#- Erlang C probability of waiting from the Erlang B value of the same agents and traffic:
        P_w = N * B_N / (N - A * (1 - B_N)). Valid for N > A. -#}
    ({{ agents }} * {{ erlang_b }} / ({{ agents }} - {{ traffic }} * (1 - {{ erlang_b }})))
{%- endmacro %}

{% macro erlang_c_service_level(agents, traffic, erlang_b, threshold_seconds, aht_seconds) -%}
    {#- Erlang C service level: SL(T) = 1 - P_w * exp(-(N - A) * T / AHT). Valid for N > A. -#}
    (1 - {{ erlang_c_wait_probability(agents, traffic, erlang_b) }}
        * exp(-({{ agents }} - {{ traffic }}) * {{ threshold_seconds }} / {{ aht_seconds }}))
{%- endmacro %}

{% macro is_finite_number(expression) -%}
    {{ return(adapter.dispatch('is_finite_number', 'contact_center')(expression)) }}
{%- endmacro %}

{% macro default__is_finite_number(expression) -%}
    {#- NULL, NaN (not equal to itself) and +-Infinity are not finite. -#}
    ({{ expression }} = {{ expression }} and abs({{ expression }}) < cast('Infinity' as double))
{%- endmacro %}

{% macro duckdb__is_finite_number(expression) -%}
    coalesce(isfinite(cast({{ expression }} as double)), false)
{%- endmacro %}

{% macro erlang_c_staffing(inputs, key_columns, max_occupancy=none) -%}
    {#- Erlang C staffing per row of `inputs` (columns: key_columns, traffic_erlangs, aht_seconds,
        sl_threshold_seconds, sl_target). Returns a select, one row per input row with traffic > 0:
        the smallest N > A with SL(N) >= sl_target (and A / N <= max_occupancy when given).

        Erlang B by its recursion B_0 = 1, B_k = A * B_{k-1} / (k + A * B_{k-1}), one agent per
        recursive step: every B_k lies in (0, 1], so nothing overflows at any traffic (no factorials,
        no powers). The recursion stops at the first N meeting the target, or at a cap of
        A / max_occupancy + 10 * sqrt(A) + 50 agents, and never beyond var('erlang_max_agents')
        (default 50,000) agents whatever the input, in which case is_target_met is false and the
        caller reports no requirement.

        Bounded whatever the input: only rows with finite, positive traffic and AHT, a finite
        threshold >= 0 and a finite target below 1 enter the recursion (NaN or Infinity would make
        the cap NaN or infinite and never stop it). A target of 1 (100 %) or more is unattainable:
        SL(T) = 1 - P_w * exp(...) < 1 for every finite N because P_w > 0, even where floating point
        rounds it up to 1.0, so such rows get no requirement (NULL), never "met". -#}
    {{ return(adapter.dispatch('erlang_c_staffing', 'contact_center')(inputs, key_columns, max_occupancy)) }}
{%- endmacro %}

{% macro erlang_c_meets(agents, erlang_b, max_occupancy=none) -%}
    {#- True when `agents` with Erlang B value `erlang_b` meet the row's target (and occupancy cap). -#}
    {%- set service_level = erlang_c_service_level(
        agents, 'traffic_erlangs', erlang_b, 'sl_threshold_seconds', 'aht_seconds') -%}
    (case
            when {{ agents }} > traffic_erlangs
                then {{ service_level }} >= sl_target
                {%- if max_occupancy is not none %} and traffic_erlangs / {{ agents }} <= {{ max_occupancy }}{% endif %}
            else false
        end)
{%- endmacro %}

{% macro erlang_c_agent_cap(max_occupancy=none) -%}
    {#- The most agents the search tries for a row (see erlang_c_staffing). -#}
    least(
            traffic_erlangs / {{ max_occupancy if max_occupancy is not none else 1 }} + 10 * sqrt(traffic_erlangs) + 50,
            {{ var('erlang_max_agents', 50000) }}
        )
{%- endmacro %}

{% macro erlang_c_admitted(inputs) -%}
    {#- The rows of `inputs` the search may take (finite, positive traffic and AHT, ...). -#}
    {{ is_finite_number('traffic_erlangs') }} and traffic_erlangs > 0
            and {{ is_finite_number('aht_seconds') }} and aht_seconds > 0
            and {{ is_finite_number('sl_threshold_seconds') }} and sl_threshold_seconds >= 0
            and {{ is_finite_number('sl_target') }} and sl_target < 1
{%- endmacro %}

{% macro erlang_c_outputs(keys, max_occupancy=none) -%}
    {#- The output columns of erlang_c_staffing from a row's final agents and erlang_b. -#}
    {%- set service_level = erlang_c_service_level(
        'agents', 'traffic_erlangs', 'erlang_b', 'sl_threshold_seconds', 'aht_seconds') -%}
        {{ keys }},
        traffic_erlangs,
        agents as required_agents_on_queue,
        erlang_b,
        {{ erlang_c_meets('agents', 'erlang_b', max_occupancy) }} as is_target_met,
        case when agents > traffic_erlangs then {{ erlang_c_wait_probability('agents', 'traffic_erlangs', 'erlang_b') }} end
            as wait_probability,
        case when agents > traffic_erlangs then {{ service_level }} end as service_level,
        case
            when agents > traffic_erlangs
                then {{ erlang_c_wait_probability('agents', 'traffic_erlangs', 'erlang_b') }}
                * aht_seconds / (agents - traffic_erlangs)
        end as asa_seconds,
        traffic_erlangs / agents as occupancy
{%- endmacro %}

{% macro default__erlang_c_staffing(inputs, key_columns, max_occupancy) -%}
    {#- One recursive step per agent (a recursive CTE). -#}
    {%- set keys = key_columns | join(', ') -%}
    {%- set meets = erlang_c_meets('agents', 'erlang_b', max_occupancy) -%}
    {%- set cap = erlang_c_agent_cap(max_occupancy) -%}
    with recursive erlang_b_steps as (
        select
            {{ keys }},
            cast(traffic_erlangs as double) as traffic_erlangs,
            cast(aht_seconds as double) as aht_seconds,
            cast(sl_threshold_seconds as double) as sl_threshold_seconds,
            cast(sl_target as double) as sl_target,
            cast(0 as integer) as agents,
            cast(1.0 as double) as erlang_b
        from {{ inputs }}
        where
            {{ erlang_c_admitted(inputs) }}
        union all
        select
            {{ keys }},
            traffic_erlangs,
            aht_seconds,
            sl_threshold_seconds,
            sl_target,
            agents + 1 as agents,
            traffic_erlangs * erlang_b / (agents + 1 + traffic_erlangs * erlang_b) as erlang_b
        from erlang_b_steps
        where not {{ meets }} and agents < {{ cap }}
    )

    select
        {{ erlang_c_outputs(keys, max_occupancy) }}
    from erlang_b_steps
    where {{ meets }} or agents >= {{ cap }}
{%- endmacro %}

{% macro spark__erlang_c_staffing(inputs, key_columns, max_occupancy) -%}
    {#- The same recursion folded over a sequence of steps inside each row (the higher-order function
        aggregate), instead of a recursive CTE: Spark runs a recursive CTE as one job per level, so
        deep searches were slow (minutes) and overflowed the driver's stack. The fold carries
        (agents, erlang_b) and stops stepping at the first N meeting the target or at the cap, so each
        row ends on the row the recursive CTE ends on, with the same arithmetic in the same order. -#}
    {%- set keys = key_columns | join(', ') -%}
    {%- set step_meets = erlang_c_meets('acc.agents', 'acc.erlang_b', max_occupancy) -%}
    {%- set cap = erlang_c_agent_cap(max_occupancy) -%}
    with admitted as (
        select
            {{ keys }},
            cast(traffic_erlangs as double) as traffic_erlangs,
            cast(aht_seconds as double) as aht_seconds,
            cast(sl_threshold_seconds as double) as sl_threshold_seconds,
            cast(sl_target as double) as sl_target
        from {{ inputs }}
        where
            {{ erlang_c_admitted(inputs) }}
    ),

    searched as (
        select
            *,
            aggregate(
                sequence(1, cast(ceil({{ cap }}) as integer)),
                named_struct('agents', cast(0 as integer), 'erlang_b', cast(1.0 as double)),
                (acc, step) -> case
                    when {{ step_meets }} or acc.agents >= {{ cap }} then acc
                    else named_struct(
                        'agents', acc.agents + 1,
                        'erlang_b', traffic_erlangs * acc.erlang_b / (acc.agents + 1 + traffic_erlangs * acc.erlang_b)
                    )
                end
            ) as found
        from admitted
    ),

    erlang_b_final as (
        select
            {{ keys }},
            traffic_erlangs,
            aht_seconds,
            sl_threshold_seconds,
            sl_target,
            found.agents as agents,
            found.erlang_b as erlang_b
        from searched
    )

    select
        {{ erlang_c_outputs(keys, max_occupancy) }}
    from erlang_b_final
{%- endmacro %}
