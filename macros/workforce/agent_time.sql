{#- Agent time: the component list, state and schedule-activity mappings, 15-minute buckets and the
    roster-version join condition shared by the workforce models. -#}

{% macro workforce_agent_components() -%}
    {#- Additive agent-time components of fct_agent_intervals, fct_agent_daily and
        fct_center_workforce_daily (all seconds). One list, so the roll-ups cannot disagree. -#}
    {{ return([
        'logged_in_seconds', 'handling_seconds', 'available_seconds', 'auxiliary_seconds',
        'actual_on_queue_seconds', 'scheduled_seconds', 'paid_seconds', 'scheduled_on_queue_seconds',
        'adherent_seconds', 'exception_not_logged_in_seconds', 'exception_wrong_state_seconds',
        'unscheduled_logged_in_seconds', 'scheduled_unavailable_seconds',
    ]) }}
{%- endmacro %}

{% macro workforce_state_category(state) -%}
    {#- Agent state -> time category: handling (on_contact, acw), available, logged_out (offline,
        logged_out) or auxiliary (every other logged-in state: break, lunch, training, meeting, ...). -#}
    (case
        when {{ state }} in ('on_contact', 'acw') then 'handling'
        when {{ state }} = 'available' then 'available'
        when {{ state }} in ('offline', 'logged_out') then 'logged_out'
        else 'auxiliary'
    end)
{%- endmacro %}

{% macro workforce_state_activity(state) -%}
    {#- Agent state -> the schedule activity it fulfils (var workforce_state_activities); NULL for
        states that fulfil no activity (offline, unknown states), which are never adherent. -#}
    {%- set mapping = var('workforce_state_activities') -%}
    (case {{ state }}
        {%- for state_name, activity in mapping | dictsort %}
        when '{{ state_name }}' then '{{ activity }}'
        {%- endfor %}
    end)
{%- endmacro %}

{% macro workforce_is_shift_activity(activity) -%}
    {#- True for schedule activities that form the paid shift (var workforce_shift_activities). -#}
    ({{ activity }} in (
        {%- for a in var('workforce_shift_activities') -%}
            '{{ a }}'{% if not loop.last %}, {% endif %}
        {%- endfor -%}
    ))
{%- endmacro %}

{% macro workforce_time_buckets(start_ts, end_ts, minutes=15) -%}
    {#- Table-generating expression: one row per UTC bucket of `minutes` overlapping [start_ts, end_ts).
        15 minutes divides every IANA zone's UTC offset, so each bucket lies inside one local
        30-minute interval and one local day whatever the agent's or queue's time zone. -#}
    {{ return(adapter.dispatch('workforce_time_buckets', 'contact_center')(start_ts, end_ts, minutes)) }}
{%- endmacro %}

{% macro default__workforce_time_buckets(start_ts, end_ts, minutes) -%}
    {#- sequence() includes its stop value: a span ending on a bucket boundary yields one
        zero-length piece, which the models drop (piece_seconds > 0). -#}
    explode(sequence({{ interval_start(start_ts, minutes) }}, {{ end_ts }}, interval {{ minutes }} minutes))
{%- endmacro %}

{% macro duckdb__workforce_time_buckets(start_ts, end_ts, minutes) -%}
    unnest(range({{ interval_start(start_ts, minutes) }}, {{ end_ts }}, interval '{{ minutes }} minutes'))
{%- endmacro %}

{% macro workforce_valid_at(versions, instant) -%}
    {#- Join condition picking the roster version in effect just before `instant`: versions are
        [valid_from_at, valid_to_at), the first one open to the past. -#}
    ({{ versions }}.valid_from_at is null or {{ versions }}.valid_from_at < {{ instant }})
    and ({{ versions }}.valid_to_at is null or {{ versions }}.valid_to_at >= {{ instant }})
{%- endmacro %}
