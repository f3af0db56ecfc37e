{% macro day_incremental(day_column='date_day', changed_days=none) -%}
    {#- The config of a model rebuilt day by day: an incremental run replaces every `day_column` value
        its select returns (all rows of those days) and keeps the other days. Same semantics on each
        engine, through the strategy that engine runs: delete+insert by day on DuckDB, dynamic
        partition overwrite on Spark. Use as `{{ config(**day_incremental()) }}`.
        `changed_days`: a macro call (a string, e.g. "staging_changed_values(...)") returning the query
        of the days an incremental build rebuilds; a pre-hook (record_changed_days) stores them in a
        temporary table the model's select reads (changed_days_relation()), and the `replace_days`
        strategy empties them even when the select returns no row for a day (its only rows were
        withdrawn). -#}
    {{ return(adapter.dispatch('day_incremental')(day_column, changed_days)) }}
{%- endmacro %}

{% macro default__day_incremental(day_column, changed_days) -%}
    {%- if changed_days is none -%}
        {{ return({
            'materialized': 'incremental',
            'incremental_strategy': 'delete+insert',
            'unique_key': day_column,
            'on_schema_change': 'fail',
        }) }}
    {%- endif -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'replace_days',
        'unique_key': day_column,
        'incremental_predicates': [day_column ~ ' in (select day from ' ~ changed_days_relation() ~ ')'],
        'pre_hook': ['{{ record_changed_days(' ~ changed_days ~ ') }}'],
        'on_schema_change': 'fail',
    }) }}
{%- endmacro %}

{% macro changed_days_relation() -%}
    {#- The temporary table of the days an incremental build of this model rebuilds. -#}
    {{- this.identifier ~ '__changed_days' -}}
{%- endmacro %}

{% macro changed_range(values_query) -%}
    {#- The least and greatest of the days (or keys) an incremental build rebuilds (`values_query`:
        the model's changed_days or changed_keys query), read when the model compiles, as a
        (first, last) pair; none when nothing changed, or on a full build. A model filters its input
        with a literal range from these (day_range_start / day_range_end, key_range_filter) besides
        the exact changed-days (keys) table: a literal bound lets the engine skip the rest of its
        input (DuckDB's zone maps, Spark's row-group pruning), which a predicate reading that table
        cannot. -#}
    {%- if not (execute and is_incremental()) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set found = run_query(
        'select min(changed.value), max(changed.value) from (' ~ values_query ~ ') as changed (value)'
    ) -%}
    {%- set first, last = found.rows[0][0], found.rows[0][1] -%}
    {{ return(none if first is none else (first, last)) }}
{%- endmacro %}

{% macro day_range_start(day_range, days_before=0) -%}
    {#- The start (a timestamp literal) of the first day of `day_range` (changed_range of days), moved
        `days_before` days earlier. -#}
    cast('{{ (day_range[0] - modules.datetime.timedelta(days=days_before)).strftime('%Y-%m-%d') }}' as {{ contract_type('timestamptz') }})
{%- endmacro %}

{% macro day_range_end(day_range, days_after=0) -%}
    {#- The end (exclusive, a timestamp literal) of the last day of `day_range`, moved `days_after`
        days later. -#}
    cast('{{ (day_range[1] + modules.datetime.timedelta(days=1 + days_after)).strftime('%Y-%m-%d') }}' as {{ contract_type('timestamptz') }})
{%- endmacro %}

{% macro changed_day_filter(timestamp_column, days_query) -%}
    {#- The input filter of a table rebuilt by UTC day of `timestamp_column` (incremental builds): the
        rows on the changed days (changed_days_relation()), behind literal bounds from
        changed_range(`days_query`, the model's changed_days query) the engine prunes its scan
        with; false when no day changed. -#}
    {%- set day_range = changed_range(days_query) -%}
    {%- if day_range is none -%}
        1 = 0
    {%- else -%}
        {{ timestamp_column }} >= {{ day_range_start(day_range) }}
        and {{ timestamp_column }} < {{ day_range_end(day_range) }}
        and cast({{ timestamp_column }} as date) in (select day from {{ changed_days_relation() }})
    {%- endif -%}
{%- endmacro %}

{% macro overlapping_changed_days_filter(start_column, end_column, days_query) -%}
    {#- The input filter of a split rebuilt by local day (incremental builds): every span overlapping
        a changed day widened by a day on each side (a local day lies within 14 hours of its UTC
        day), behind literal bounds as in changed_day_filter; false when no day changed. -#}
    {%- set day_range = changed_range(days_query) -%}
    {%- if day_range is none -%}
        1 = 0
    {%- else -%}
        {{ start_column }} < {{ day_range_end(day_range, days_after=1) }}
        and {{ end_column }} > {{ day_range_start(day_range, days_before=1) }}
        and exists (
            select 1 from {{ changed_days_relation() }} as changed
            where
                {{ start_column }} < {{ dbt.dateadd('day', 2, 'changed.day') }}
                and {{ end_column }} > {{ dbt.dateadd('day', -1, 'changed.day') }}
        )
    {%- endif -%}
{%- endmacro %}

{% macro record_changed_days(days_query) -%}
    {#- Pre-hook (incremental builds): store the days to rebuild (`days_query`, one column) in a
        temporary table, and log them in raw._rebuilt_days (source guard.rebuilt_days) for the models
        that read this one. The model declares `-- depends_on: {{ source('guard', 'rebuilt_days') }}`. -#}
    {%- if is_incremental() -%}
        create or replace temporary table {{ changed_days_relation() }} as
        select distinct changed.day from ({{ days_query }}) as changed (day)
        where changed.day is not null;

        insert into {{ source('guard', 'rebuilt_days') }} (model_name, day, rebuilt_at)
        select '{{ this.identifier }}', day, current_timestamp from {{ changed_days_relation() }}
    {%- endif -%}
{%- endmacro %}

{% macro staging_changed_values(source_name, table_name, raw_expression, column) -%}
    {#- For a staging table rebuilt by day (or by key): the days (keys) of the rows in files of raw
        `table_name` the guard logged as changed since this table's changes_through_at (their rows
        now), and those of the rows this table holds from the same files (their rows before: a row
        withdrawn or quarantined since). `raw_expression` computes `column` from the raw row. -#}
    {%- if not change_log_exists() -%}
        {#- no change log (raw tables another loader wrote, or landed without the guard): every one -#}
        select {{ raw_expression }} from {{ source(source_name, table_name) }}
        union all
        select {{ column }} from {{ this }}
    {%- else -%}
        {%- set changed -%}
            {{ changed_files_since(table_name, 'select max(changes_through_at) from ' ~ this) }}
        {%- endset -%}
        select {{ raw_expression }}
        from {{ source(source_name, table_name) }}
        where _source_file in ({{ changed }})
        union all
        select {{ column }}
        from {{ this }}
        where source_file in ({{ changed }})
    {%- endif -%}
{%- endmacro %}

{% macro spark__day_incremental(day_column, changed_days) -%}
    {%- set config = {
        'materialized': 'incremental',
        'incremental_strategy': 'insert_overwrite',
        'partition_by': [day_column],
        'file_format': 'parquet',
        'on_schema_change': 'fail',
    } -%}
    {%- if changed_days is not none -%}
        {#- Dynamic partition overwrite replaces the days the select returns; the pre-hook drops the
            partitions of every changed day first, so a day whose only rows were withdrawn empties. -#}
        {%- do config.update({
            'pre_hook': ['{{ spark_record_changed_days(' ~ changed_days ~ ', ' ~ (day_column | tojson) ~ ') }}'],
        }) -%}
    {%- endif -%}
    {{ return(config) }}
{%- endmacro %}

{% macro spark_record_changed_days(days_query, day_column) -%}
    {#- Spark's record_changed_days (incremental builds). The days are read once, here, and kept as
        literals: a temporary view over the query would read the table the build overwrites. Runs
        its statements itself (one statement per call on Spark): the days as a temporary view of
        literals (changed_days_relation()), their partitions dropped, the rebuild logged in
        raw._rebuilt_days. -#}
    {%- if execute and is_incremental() -%}
        {%- set found = run_query(
            'select distinct changed.day from (' ~ days_query ~ ') as changed (day)'
            ~ ' where changed.day is not null order by 1'
        ) -%}
        {%- set days = found.columns[0].values() | map('string') | list -%}
        {%- if days -%}
            {%- set literals -%}
                {%- for day in days %}(cast('{{ day }}' as date)){{ ', ' if not loop.last }}{% endfor -%}
            {%- endset -%}
            {%- do run_query(
                'create or replace temporary view ' ~ changed_days_relation()
                ~ ' as select day from values ' ~ literals ~ ' as changed (day)'
            ) -%}
            {%- set partitions -%}
                {%- for day in days %}partition ({{ day_column }} = '{{ day }}'){{ ', ' if not loop.last }}{% endfor -%}
            {%- endset -%}
            {%- do run_query('alter table ' ~ this ~ ' drop if exists ' ~ partitions) -%}
        {%- else -%}
            {%- do run_query(
                'create or replace temporary view ' ~ changed_days_relation()
                ~ ' as select cast(null as date) as day where false'
            ) -%}
        {%- endif -%}
        insert into {{ source('guard', 'rebuilt_days') }} (model_name, day, rebuilt_at)
        select '{{ this.identifier }}', day, current_timestamp from {{ changed_days_relation() }}
    {%- endif -%}
{%- endmacro %}

{% macro get_incremental_replace_days_sql(arg_dict) -%}
    {#- Incremental strategy `replace_days`: delete the days the new rows fall on and the days the
        model's incremental_predicates name (days whose rows all went: a withdrawn or quarantined
        row alone on its day), then insert the new rows. The predicates are evaluated before the
        insert. -#}
    {%- set day = arg_dict['unique_key'] -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ arg_dict['target_relation'] }}
    where {{ day }} in (select {{ day }} from {{ arg_dict['temp_relation'] }})
    {%- for predicate in arg_dict['incremental_predicates'] or [] %}
        or ({{ predicate }})
    {%- endfor %};

    insert into {{ arg_dict['target_relation'] }} ({{ columns }})
    select {{ columns }} from {{ arg_dict['temp_relation'] }}
{%- endmacro %}

{% macro changed_files_since(table_name, watermark) -%}
    {#- The files of raw table `table_name` whose admitted rows changed after `watermark` (a SQL
        expression: the model's own changes_through_at), from the guard's change log. -#}
    select changed.source_file
    from {{ source('guard', 'changed_files') }} as changed
    where
        changed.table_name = '{{ table_name }}'
        and changed.changed_at > coalesce(({{ watermark }}), {{ epoch_timestamp() }})
{%- endmacro %}

{% macro epoch_timestamp() -%}
    {#- A timestamp older than any data: the watermark of a table written before the change log had
        an entry (every change is then newer than it). -#}
    cast('1970-01-01 00:00:00' as {{ contract_type('timestamptz') }})
{%- endmacro %}

{% macro change_log_exists() -%}
    {#- Whether the guard's change log (raw._changed_files) exists. Without it (raw tables another
        loader wrote, or landed without ever running the guard) the models rebuilt by day or key
        rebuild every day or key on each run, and their watermark is null. -#}
    {{ return(not execute or load_relation(source('guard', 'changed_files')) is not none) }}
{%- endmacro %}

{% macro changes_through() -%}
    {#- The change log's high-water mark this build includes: stored on every row a build writes, so
        the next incremental build knows which changes it has not seen (null without a change log). -#}
    {%- if change_log_exists() -%}
        (select max(changed.changed_at) from {{ source('guard', 'changed_files') }} as changed)
    {%- else -%}
        cast(null as {{ contract_type('timestamptz') }})
    {%- endif -%}
{%- endmacro %}
