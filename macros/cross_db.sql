{#- Dialect-specific SQL lives here, dispatched on the adapter, so the models
    stay portable. Each macro has a `default__` for ANSI-ish engines and an
    override where an engine spells it differently. -#}

{% macro days_between(start_date, end_date) -%}
    {{ return(adapter.dispatch('days_between', 'ram')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__days_between(start_date, end_date) -%}
    ({{ end_date }} - {{ start_date }})
{%- endmacro %}

{% macro duckdb__days_between(start_date, end_date) -%}
    date_diff('day', {{ start_date }}, {{ end_date }})
{%- endmacro %}

{% macro spark__days_between(start_date, end_date) -%}
    {#- bigint like DuckDB's date_diff (Spark's datediff is an int). -#}
    cast(datediff({{ end_date }}, {{ start_date }}) as bigint)
{%- endmacro %}


{% macro add_days(date_expr, days_expr) -%}
    {{ return(adapter.dispatch('add_days', 'ram')(date_expr, days_expr)) }}
{%- endmacro %}

{% macro default__add_days(date_expr, days_expr) -%}
    ({{ date_expr }} + cast({{ days_expr }} as integer))
{%- endmacro %}

{% macro spark__add_days(date_expr, days_expr) -%}
    date_add({{ date_expr }}, cast({{ days_expr }} as int))
{%- endmacro %}


{#- Exact continuous (linearly interpolated) percentile of an aggregate group. -#}
{% macro percentile_cont(expr, fraction) -%}
    {{ return(adapter.dispatch('percentile_cont', 'ram')(expr, fraction)) }}
{%- endmacro %}

{% macro default__percentile_cont(expr, fraction) -%}
    percentile_cont({{ fraction }}) within group (order by {{ expr }})
{%- endmacro %}

{% macro duckdb__percentile_cont(expr, fraction) -%}
    quantile_cont({{ expr }}, {{ fraction }})
{%- endmacro %}

{% macro spark__percentile_cont(expr, fraction) -%}
    percentile({{ expr }}, {{ fraction }})
{%- endmacro %}


{#- The latest non-null value of `value_expr`, latest by `order_expr`. -#}
{% macro arg_max_non_null(value_expr, order_expr) -%}
    {{ return(adapter.dispatch('arg_max_non_null', 'ram')(value_expr, order_expr)) }}
{%- endmacro %}

{% macro default__arg_max_non_null(value_expr, order_expr) -%}
    max_by({{ value_expr }}, case when {{ value_expr }} is not null then {{ order_expr }} end)
{%- endmacro %}

{% macro duckdb__arg_max_non_null(value_expr, order_expr) -%}
    {#- DuckDB's arg_max skips rows whose value is null. -#}
    arg_max({{ value_expr }}, {{ order_expr }})
{%- endmacro %}


{#- Null instead of an error when the text does not convert. -#}
{% macro safe_cast(expr, data_type) -%}
    {{ return(adapter.dispatch('safe_cast', 'ram')(expr, data_type)) }}
{%- endmacro %}

{% macro default__safe_cast(expr, data_type) -%}
    try_cast({{ expr }} as {{ data_type }})
{%- endmacro %}


{#- True when the whole text matches the regular expression. -#}
{% macro matches_pattern(expr, pattern) -%}
    {{ return(adapter.dispatch('matches_pattern', 'ram')(expr, pattern)) }}
{%- endmacro %}

{% macro default__matches_pattern(expr, pattern) -%}
    regexp_like({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{% macro duckdb__matches_pattern(expr, pattern) -%}
    regexp_full_match({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__matches_pattern(expr, pattern) -%}
    ({{ expr }} rlike '^{{ pattern }}$')
{%- endmacro %}


{#- A hash of a combination of columns, never null: equal values (nulls
    included) hash equal. For unique_combination_of_columns' first pass;
    64-bit where the engine has one (DuckDB hash, Spark xxhash64). -#}
{% macro combination_hash(columns) -%}
    {{ return(adapter.dispatch('combination_hash', 'ram')(columns)) }}
{%- endmacro %}

{% macro default__combination_hash(columns) -%}
    {#- md5 of the values as text; '<null>' or '|' inside a value can only
        make a collision, which the exact second pass sorts out. -#}
    {%- set fields = [] -%}
    {%- for column in columns -%}
        {%- if not loop.first %}{% do fields.append("'|'") %}{% endif -%}
        {%- do fields.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '<null>')") -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(fields)) }}
{%- endmacro %}

{% macro duckdb__combination_hash(columns) -%}
    hash({{ columns | join(', ') }})
{%- endmacro %}

{% macro spark__combination_hash(columns) -%}
    xxhash64({{ columns | join(', ') }})
{%- endmacro %}
