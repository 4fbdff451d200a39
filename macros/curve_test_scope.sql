{#- Data tests on fct_model_curves take `where: __curve_points_written_by_latest_build__`:
    the points the latest build of int_model_downloads_cleaned wrote (every
    point after a full build). Earlier points were tested when they were
    written, and the incremental merge replaces rows by (model_id,
    day_since_release) instead of adding to them, so a key can only be
    duplicated among rows written together. A daily build then tests a few
    rows per young model instead of ~14M points at 50,000 models.

    A test's `where` cannot call macros or ref(); this override of dbt's
    get_where_subquery (the hook dbt documents for custom `where` logic)
    expands the placeholder. The tested relation is aliased `tested`. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where') -%}
    {%- if not where -%}
        {{ return(relation) }}
    {%- endif -%}
    {%- set where = where | replace(
        '__curve_points_written_by_latest_build__',
        ram.curve_points_written_by_latest_build('tested')
    ) -%}
    {{ return('(select * from ' ~ relation ~ ' as tested where ' ~ where ~ ') as dbt_subquery') }}
{%- endmacro %}


{% macro curve_points_written_by_latest_build(tested_alias) -%}
    {#- From the graph, not ref(): dbt does not record a dependency taken
        while a test's `where` is expanded (fct_model_curves is a view over
        this model, so it is built first anyway). -#}
    {%- set node = graph.nodes.values()
        | selectattr('resource_type', 'equalto', 'model')
        | selectattr('name', 'equalto', 'int_model_downloads_cleaned')
        | first -%}
    {%- set cleaned = api.Relation.create(
        database=node.database, schema=node.schema, identifier=node.alias
    ) -%}
    exists (
        select 1
        from {{ cleaned }} as written
        where
            written.processed_through_date = (
                select max(latest.processed_through_date)
                from {{ cleaned }} as latest
            )
            and written.model_id = {{ tested_alias }}.model_id
            and written.day_since_release = {{ tested_alias }}.day_since_release
    )
{%- endmacro %}
