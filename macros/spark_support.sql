{#- What the project needs besides cross_db.sql to run unchanged on Spark
    (dbt-spark) as well as on DuckDB. See docs/spark.md. -#}

{#- dbt's `source`, plus one thing: on Spark, a source table whose meta has a
    `spark_external_location` (e.g. parquet.`data/raw/hf_model_snapshots`)
    reads from there, the way dbt-duckdb reads `external_location`. The
    dependency is recorded by dbt's own `source` as usual. -#}
{% macro source(source_name, table_name) -%}
    {%- set relation = builtins.source(source_name, table_name) -%}
    {{- return(adapter.dispatch('source_relation', 'ram')(relation, source_name, table_name)) -}}
{%- endmacro %}

{% macro default__source_relation(relation, source_name, table_name) -%}
    {{- return(relation) -}}
{%- endmacro %}

{% macro spark__source_relation(relation, source_name, table_name) -%}
    {%- if execute -%}
        {%- for node in graph.sources.values() -%}
            {%- if node.source_name == source_name and node.name == table_name -%}
                {{- return(node.meta.get('spark_external_location') or relation) -}}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(relation) -}}
{%- endmacro %}

{#- `dbt source freshness` on Spark reads the same location. -#}
{% macro spark__collect_freshness(source, loaded_at_field, filter) -%}
    {%- set location = [source] -%}
    {%- for node in graph.sources.values() -%}
        {%- if node.schema == source.schema and node.identifier == source.identifier -%}
            {%- do location.append(node.meta.get('spark_external_location') or source) -%}
        {%- endif -%}
    {%- endfor -%}
    {{- return(dbt.default__collect_freshness(location[-1], loaded_at_field, filter)) -}}
{%- endmacro %}


{#- How the two aggregates over the landing are materialized: incremental
    (delete+insert, see incremental_landing.sql) where the engine supports it;
    a table on Spark, whose Parquet tables cannot delete rows. A table is
    rebuilt in full by every build, with the same result. -#}
{% macro landing_aggregate_materialization() -%}
    {{- return(adapter.dispatch('landing_aggregate_materialization', 'ram')()) -}}
{%- endmacro %}

{% macro default__landing_aggregate_materialization() -%}
    {{- return('incremental') -}}
{%- endmacro %}

{% macro spark__landing_aggregate_materialization() -%}
    {{- return('table') -}}
{%- endmacro %}


{#- Seed rows on Spark as SQL literals. dbt-spark's own version passes the
    values as bindings, which its `session` method pastes into the SQL
    unescaped and with empty cells as the text 'None'; here an empty cell is
    null and quotes and backslashes are escaped, whatever the connection
    method. Found through the `dispatch` entry in dbt_project.yml. -#}
{% macro spark__load_csv_rows(model, agate_table) -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set rows_sql = [] -%}
        {%- for row in chunk -%}
            {%- set values_sql = [] -%}
            {%- for value in row -%}
                {%- set column_type = column_override.get(
                    agate_table.column_names[loop.index0], adapter.convert_type(agate_table, loop.index0)
                ) -%}
                {%- do values_sql.append('cast(' ~ ram.spark_literal(value) ~ ' as ' ~ column_type ~ ')') -%}
            {%- endfor -%}
            {%- do rows_sql.append('(' ~ values_sql | join(', ') ~ ')') -%}
        {%- endfor -%}
        {%- set sql = 'insert into ' ~ this.render() ~ ' values\n' ~ rows_sql | join(',\n') -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- do statements.append(sql) -%}
    {%- endfor -%}
    {{- return(statements[0] if statements else '') -}}
{%- endmacro %}

{% macro spark_literal(value) -%}
    {%- if value is none -%}
        {{- return('null') -}}
    {%- endif -%}
    {{- return("'" ~ (value | string).replace('\\', '\\\\').replace("'", "\\'") ~ "'") -}}
{%- endmacro %}


{#- `dbt run-operation write_marts_as_parquet --args '{directory: /abs/dir}'`:
    every mart (dim_, fct_, rpt_; tables and views) of the target schema as
    a folder of Parquet files, <directory>/<mart>/, written by the engine
    itself. `ram-report export --target spark` runs it and turns the folders
    into the same data/marts/<mart>.parquet files the DuckDB export writes. -#}
{% macro write_marts_as_parquet(directory) -%}
    {{- return(adapter.dispatch('write_marts_as_parquet', 'ram')(directory)) -}}
{%- endmacro %}

{% macro default__write_marts_as_parquet(directory) -%}
    {{- exceptions.raise_compiler_error(
        'write_marts_as_parquet is for Spark targets; on DuckDB, ram-report export reads the DuckDB file'
    ) -}}
{%- endmacro %}

{% macro spark__write_marts_as_parquet(directory) -%}
    {%- set tables = run_query('show tables in ' ~ target.schema) -%}
    {%- set written = [] -%}
    {%- for row in tables.rows -%}
        {%- set name = row['tableName'] -%}
        {%- if not row['isTemporary'] and name.startswith(('dim_', 'fct_', 'rpt_')) -%}
            {%- do run_query(
                "insert overwrite directory '" ~ directory ~ "/" ~ name ~ "' using parquet "
                ~ "select * from " ~ target.schema ~ "." ~ name
            ) -%}
            {%- do written.append(name) -%}
        {%- endif -%}
    {%- endfor -%}
    {{- log('wrote ' ~ written | length ~ ' marts to ' ~ directory ~ ': ' ~ written | join(', '), info=true) -}}
{%- endmacro %}
