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

{% macro agent_state_split_changed_days() -%}
    {#- The local days int_agent_states_split rebuilds on an incremental build: those of its pieces
        from states on the UTC days stg_acd__agent_states rebuilt since the split's
        rebuilt_through_at (the pieces before), and a superset of the local days of the states on
        those days now (a state's local days lie within a day of its UTC days; the guard quarantines
        spans over a week, so ten days cover any state). -#}
    {%- set changed = staging_days_rebuilt_since('stg_acd__agent_states') -%}
    select pieces.date_day
    from {{ this }} as pieces
    where {{ rebuilt_day_filter('pieces.state_started_at', changed) }}
    union all
    select {{ dbt.dateadd('day', 'offsets.day_offset - 1', 'states.state_date') }}
    from {{ ref('stg_acd__agent_states') }} as states
    inner join (
        select day_offset from (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) as o (day_offset)
    ) as offsets
        on {{ dbt.dateadd('day', 'offsets.day_offset - 1', 'states.state_date') }}
        <= {{ dbt.dateadd('day', 1, 'cast(states.state_ended_at as date)') }}
    where states.state_date in ({{ changed.days }})
{%- endmacro %}

{% macro schedule_split_changed_days() -%}
    {#- The local days int_schedules_split rebuilds on an incremental build: those of its pieces from
        activities on the UTC days stg_wfm__schedules rebuilt since the split's rebuilt_through_at (the
        pieces before), and every day from the day before each activity on those days now to the day
        after it ends (its local days; an activity such as time off can span weeks, so the days come
        from a calendar rather than a fixed number of offsets). -#}
    {%- set changed = staging_days_rebuilt_since('stg_wfm__schedules') -%}
    select pieces.date_day
    from {{ this }} as pieces
    where {{ rebuilt_day_filter('pieces.starts_at', changed) }}
    union all
    select calendar.date_day
    from {{ ref('stg_wfm__schedules') }} as schedules
    inner join {{ ref('metricflow_time_spine') }} as calendar
        on calendar.date_day >= {{ dbt.dateadd('day', -1, 'schedules.schedule_date') }}
        and calendar.date_day <= {{ dbt.dateadd('day', 1, 'cast(schedules.ends_at as date)') }}
    where schedules.schedule_date in ({{ changed.days }})
{%- endmacro %}

{% macro agent_interval_changed_days() -%}
    {#- The local days int_agent_intervals_summed rebuilds on an incremental build: the days either
        split rebuilt (stg_guard__rebuilt_days) since its rebuilt_through_at, and the days of the
        schedule pieces between the agent-state horizon it was built with (observed_until_at) and the
        current one, in whichever direction it moved (schedules count only up to the horizon). -#}
    select rebuilt.date_day
    from {{ ref('stg_guard__rebuilt_days') }} as rebuilt
    where
        rebuilt.model_name in ('int_agent_states_split', 'int_schedules_split')
        and rebuilt.rebuilt_at > coalesce(
            (select max(rebuilt_through_at) from {{ this }}), {{ epoch_timestamp() }}
        )
    union all
    select pieces.date_day
    from {{ ref('int_schedules_split') }} as pieces
    cross join (
        select coalesce(max(observed_until_at), {{ epoch_timestamp() }}) as horizon_at from {{ this }}
    ) as built
    cross join (
        select coalesce(max(piece_ended_at), {{ epoch_timestamp() }}) as horizon_at
        from {{ ref('int_agent_states_split') }}
    ) as observed
    where
        pieces.piece_started_at < greatest(built.horizon_at, observed.horizon_at)
        and pieces.piece_ended_at > least(built.horizon_at, observed.horizon_at)
{%- endmacro %}

{% macro changed_local_day_filter(day_column, days_query) -%}
    {#- The input filter of a model rebuilt by local day whose input is a view (incremental builds):
        `day_column` in the days `days_query` returns, read when the model compiles and written as
        date literals with literal bounds (day_literals), so that the filter reaches through the view's
        unions and joins down to the tables' scans (a subquery would make the view compute every day
        first); false when no day changed. -#}
    {%- if not execute -%}
        {{ day_column }} in (select day from {{ changed_days_relation() }})
    {%- else -%}
        {%- set changed = day_literals(days_query) -%}
        {%- if changed.range is none -%}
            1 = 0
        {%- else -%}
            {{ day_column }} >= {{ date_literal(changed.range[0]) }}
            and {{ day_column }} <= {{ date_literal(changed.range[1]) }}
            and {{ day_column }} in ({{ changed.days }})
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{% macro staging_days_rebuilt_since(model_name) -%}
    {#- The UTC days staging model `model_name` rebuilt (stg_guard__rebuilt_days) after the calling
        split's rebuilt_through_at: the days the split's changed days follow from, as day_literals
        returns them on an incremental build. Elsewhere (parsing, a full build, where no query of the
        days runs) `days` is the subquery and `range` none. -#}
    {%- set days_query -%}
        select rebuilt.date_day
        from {{ ref('stg_guard__rebuilt_days') }} as rebuilt
        where
            rebuilt.model_name = '{{ model_name }}'
            and rebuilt.rebuilt_at > coalesce(
                (select max(rebuilt_through_at) from {{ this }}), cast('1900-01-01' as {{ dbt.type_timestamp() }})
            )
    {%- endset -%}
    {%- if not (execute and is_incremental()) -%}
        {{ return({'days': days_query, 'range': none}) }}
    {%- endif -%}
    {{ return(day_literals(days_query)) }}
{%- endmacro %}

{% macro day_literals(days_query) -%}
    {#- The days `days_query` (one date column) returns, read now, once per rendering, so that the
        queries using them can skip the history (zone maps on the tables' columns), which a subquery
        cannot. Returns a dict: `days`, SQL for an IN list of date literals (`cast(null as date)` when
        none), and `range`, the (first, last) days, or none when none. -#}
    {%- set found = run_query(
        'select distinct changed.day from (' ~ days_query ~ ') as changed (day)'
        ~ ' where changed.day is not null order by 1'
    ) -%}
    {%- set days = found.columns[0].values() | list -%}
    {%- if not days -%}
        {{ return({'days': 'cast(null as date)', 'range': none}) }}
    {%- endif -%}
    {%- set literals = [] -%}
    {%- for day in days -%}
        {%- do literals.append(date_literal(day)) -%}
    {%- endfor -%}
    {{ return({'days': literals | join(', '), 'range': (days[0], days[-1])}) }}
{%- endmacro %}

{% macro date_literal(day) -%}
    {#- A date (a Python date read by run_query) as a SQL date literal. -#}
    cast('{{ day.strftime('%Y-%m-%d') }}' as date)
{%- endmacro %}

{% macro rebuilt_day_filter(timestamp_column, changed) -%}
    {#- Rows whose `timestamp_column` falls on one of the UTC days `changed` (staging_days_rebuilt_since)
        names, behind literal bounds on the column when the days are known. -#}
    {%- if changed.range is not none -%}
        {{ timestamp_column }} >= {{ day_range_start(changed.range) }}
        and {{ timestamp_column }} < {{ day_range_end(changed.range) }}
        and
    {% endif -%}
    cast({{ timestamp_column }} as date) in ({{ changed.days }})
{%- endmacro %}
