{% macro get_where_subquery(relation) -%}
    {#- dbt's hook for a data test's `where` config, extended with one placeholder: a `where` holding
        `__rebuilt__(<column>)` tests only the rows the latest run wrote, namely those whose <column>
        (a load-time watermark: loaded_through_at, loaded_at) equals the relation's latest value (or,
        as `__rebuilt__(<column>, <model>)`, model <model>'s latest value), when
        the run is a scheduled refresh (env CONTACT_CENTER_TEST_SCOPE=rebuilt, set by the runner for
        incremental runs). Any other run (a --full-refresh, `make build`, CI, a plain `dbt build`)
        tests every row. See DECISIONLOG "Refresh cost". -#}
    {%- set where = config.get('where', '') -%}
    {%- if where and '__rebuilt__(' in where -%}
        {%- set inner = where.split('__rebuilt__(')[1].split(')')[0] -%}
        {%- set placeholder = '__rebuilt__(' ~ inner ~ ')' -%}
        {%- set column = inner.split(',')[0] | trim -%}
        {#- `__rebuilt__(<column>, <model>)`: the latest value is read from <model> (in the tested
            relation's schema), the table a tested view reads, where evaluating the view for it would
            cost what the scope saves -#}
        {%- set latest_from = relation -%}
        {%- if ',' in inner -%}
            {%- set latest_from = api.Relation.create(
                database=relation.database, schema=relation.schema, identifier=inner.split(',')[1] | trim
            ) -%}
        {%- endif -%}
        {%- if env_var('CONTACT_CENTER_TEST_SCOPE', 'all') == 'rebuilt' and not flags.FULL_REFRESH -%}
            {#- a row without the watermark (null: a table built without the guard's change log) is tested -#}
            {%- set predicate = 'coalesce(' ~ column ~ ' = (select max(' ~ column ~ ') from ' ~ latest_from ~ '), true)' -%}
            {%- if execute and target.type == 'duckdb' -%}
                {#- the latest value as a literal, read when the test compiles: DuckDB's zone maps then
                    skip the row groups of older runs, which a subquery does not let them do -#}
                {%- set latest = run_query(
                    'select cast(max(' ~ column ~ ') as varchar), typeof(max(' ~ column ~ ')) from ' ~ latest_from
                ).rows[0] -%}
                {%- if latest[0] is none -%}
                    {%- set predicate = 'true' -%}
                {%- else -%}
                    {%- set literal = "cast('" ~ latest[0] ~ "' as " ~ latest[1] ~ ")" -%}
                    {%- set predicate = '(' ~ column ~ ' = ' ~ literal ~ ' or ' ~ column ~ ' is null)' -%}
                {%- endif -%}
            {%- endif -%}
        {%- else -%}
            {%- set predicate = 'true' -%}
        {%- endif -%}
        {%- set where = where | replace(placeholder, predicate) -%}
    {%- endif -%}
    {%- if where -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ where ~ ') dbt_subquery') -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
