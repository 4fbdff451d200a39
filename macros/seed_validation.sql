{#- Checks on the analysts' seed files. Seeds load as text; these macros run
    while the staging model builds and stop `dbt build` with a message that
    names the file, the row and the bad value. Each check query returns the
    columns `row_key`, `column_name`, `bad_value` and `problem`. -#}

{% macro report_seed_problems(seed_file, check_query, severity='error') %}
    {%- if execute and model.resource_type == 'model' -%}
        {%- set problems = run_query(check_query) -%}
        {%- if problems.rows | length > 0 -%}
            {%- set lines = [] -%}
            {%- for row in problems.rows -%}
                {%- do lines.append(
                    "  " ~ row['row_key'] ~ ": " ~ row['column_name'] ~ " '" ~ (row['bad_value'] if row['bad_value'] is not none else '')
                    ~ "' " ~ row['problem']
                ) -%}
            {%- endfor -%}
            {%- set message = seed_file ~ ": " ~ (problems.rows | length) ~ " problem(s)\n" ~ (lines | join("\n")) -%}
            {%- if severity == 'error' -%}
                {{ exceptions.raise_compiler_error(message) }}
            {%- else -%}
                {{ exceptions.warn(message) }}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}


{#- Rows whose key appears more than once, in the check-query shape. -#}
{% macro duplicate_key_problems(key_column, rows_cte) -%}
    select
        concat('{{ key_column }} ', {{ key_column }}) as row_key,
        '{{ key_column }}' as column_name,
        {{ key_column }} as bad_value,
        concat('is listed ', cast(count(*) as {{ dbt.type_string() }}), ' times') as problem
    from {{ rows_cte }}
    group by {{ key_column }}
    having count(*) > 1
{%- endmacro %}


{% macro validate_tracked_models(seed_relation) %}
    {%- set check_query -%}
        with
        rows_trimmed as (
            select
                trim(model_id) as model_id,
                nullif(trim(params_b), '') as params_b,
                nullif(trim(release_date), '') as release_date
            from {{ seed_relation }}
        ),
        problems as (
            select
                concat('model_id ', coalesce(model_id, '(empty)')) as row_key,
                'model_id' as column_name,
                model_id as bad_value,
                'is not a Hub id of the form owner/name' as problem
            from rows_trimmed
            where model_id is null or not {{ ram.matches_pattern('model_id', '[^/ ]+/[^/ ]+') }}
            union all
            {{ ram.duplicate_key_problems('model_id', 'rows_trimmed') }}
            union all
            select
                concat('model_id ', model_id) as row_key,
                'params_b' as column_name,
                params_b as bad_value,
                'is not a positive number of billions of parameters' as problem
            from rows_trimmed
            where
                params_b is not null
                and (
                    {{ ram.safe_cast('params_b', 'double') }} is null
                    or {{ ram.safe_cast('params_b', 'double') }} <= 0
                )
            union all
            select
                concat('model_id ', model_id) as row_key,
                'release_date' as column_name,
                release_date as bad_value,
                'is not a real date written YYYY-MM-DD' as problem
            from rows_trimmed
            where
                release_date is not null
                and (
                    not {{ ram.matches_pattern('release_date', '[0-9]{4}-[0-9]{2}-[0-9]{2}') }}
                    or {{ ram.safe_cast('release_date', 'date') }} is null
                )
        )
        select * from problems
    {%- endset -%}
    {{ ram.report_seed_problems('seeds/tracked_models.csv', check_query) }}
{% endmacro %}


{% macro validate_size_buckets(seed_relation) %}
    {%- set buckets_typed -%}
        select
            trim(size_bucket) as size_bucket,
            nullif(trim(min_params_b), '') as min_text,
            nullif(trim(max_params_b), '') as max_text,
            nullif(trim(sort_order), '') as sort_order_text,
            {{ ram.safe_cast("nullif(trim(min_params_b), '')", 'double') }} as min_params_b,
            {{ ram.safe_cast("nullif(trim(max_params_b), '')", 'double') }} as max_params_b
        from {{ seed_relation }}
    {%- endset -%}
    {%- set check_query -%}
        with
        buckets_typed as ({{ buckets_typed }}),
        problems as (
            select
                concat('size_bucket ', coalesce(size_bucket, '(empty)')) as row_key,
                'size_bucket' as column_name,
                size_bucket as bad_value,
                'must not be empty' as problem
            from buckets_typed
            where size_bucket is null or size_bucket = ''
            union all
            {{ ram.duplicate_key_problems('size_bucket', 'buckets_typed') }}
            union all
            select
                concat('size_bucket ', size_bucket) as row_key,
                'min_params_b' as column_name,
                min_text as bad_value,
                'is not a number >= 0' as problem
            from buckets_typed
            where min_params_b is null or min_params_b < 0
            union all
            select
                concat('size_bucket ', size_bucket) as row_key,
                'max_params_b' as column_name,
                max_text as bad_value,
                'is not a number (leave it empty for no upper bound)' as problem
            from buckets_typed
            where max_text is not null and max_params_b is null
            union all
            select
                concat('size_bucket ', size_bucket) as row_key,
                'max_params_b' as column_name,
                max_text as bad_value,
                concat('must be greater than min_params_b ', min_text) as problem
            from buckets_typed
            where max_params_b <= min_params_b
            union all
            select
                concat('size_bucket ', size_bucket) as row_key,
                'sort_order' as column_name,
                sort_order_text as bad_value,
                'is not a whole number' as problem
            from buckets_typed
            where
                sort_order_text is null
                or not {{ ram.matches_pattern('sort_order_text', '-?[0-9]+') }}
            union all
            select
                concat('size_bucket ', lower_bucket.size_bucket) as row_key,
                'range' as column_name,
                concat(
                    '[', lower_bucket.min_text, ', ', coalesce(lower_bucket.max_text, 'unbounded'), ')'
                ) as bad_value,
                concat(
                    'overlaps size_bucket ', upper_bucket.size_bucket,
                    ' [', upper_bucket.min_text, ', ', coalesce(upper_bucket.max_text, 'unbounded'), ')'
                ) as problem
            from buckets_typed as lower_bucket
            inner join buckets_typed as upper_bucket
                on
                    lower_bucket.min_params_b < coalesce(upper_bucket.max_params_b, 1e308)
                    and upper_bucket.min_params_b < coalesce(lower_bucket.max_params_b, 1e308)
                    and (
                        lower_bucket.min_params_b < upper_bucket.min_params_b
                        or (
                            lower_bucket.min_params_b = upper_bucket.min_params_b
                            and lower_bucket.size_bucket < upper_bucket.size_bucket
                        )
                    )
        )
        select * from problems
    {%- endset -%}
    {{ ram.report_seed_problems('seeds/size_buckets.csv', check_query) }}

    {%- set gap_query -%}
        with
        buckets_typed as ({{ buckets_typed }}),
        buckets_ordered as (
            select
                size_bucket,
                max_text,
                max_params_b,
                lead(min_params_b) over (order by min_params_b) as next_min_params_b,
                lead(min_text) over (order by min_params_b) as next_min_text,
                lead(size_bucket) over (order by min_params_b) as next_size_bucket
            from buckets_typed
        ),
        problems as (
            select
                concat('size_bucket ', size_bucket) as row_key,
                'max_params_b' as column_name,
                max_text as bad_value,
                concat(
                    'leaves a gap before size_bucket ', next_size_bucket,
                    ' (min_params_b ', next_min_text, '): models in the gap get no bucket'
                ) as problem
            from buckets_ordered
            where next_min_params_b > max_params_b
            union all
            select
                concat('size_bucket ', size_bucket) as row_key,
                'max_params_b' as column_name,
                max_text as bad_value,
                'is the largest bucket but has an upper bound: larger models get no bucket' as problem
            from buckets_ordered
            where next_size_bucket is null and max_params_b is not null
        )
        select * from problems
    {%- endset -%}
    {{ ram.report_seed_problems('seeds/size_buckets.csv', gap_query, severity='warn') }}
{% endmacro %}


{% macro validate_milestones(seed_relation) %}
    {%- set check_query -%}
        with
        milestones_trimmed as (
            select trim(milestone_days) as milestone_days
            from {{ seed_relation }}
        ),
        problems as (
            select
                concat('milestone_days ', coalesce(milestone_days, '(empty)')) as row_key,
                'milestone_days' as column_name,
                milestone_days as bad_value,
                'is not a whole number of days > 0' as problem
            from milestones_trimmed
            where
                milestone_days is null
                or not {{ ram.matches_pattern('milestone_days', '[0-9]+') }}
                or {{ ram.safe_cast('milestone_days', 'integer') }} <= 0
            union all
            {{ ram.duplicate_key_problems('milestone_days', 'milestones_trimmed') }}
        )
        select * from problems
    {%- endset -%}
    {{ ram.report_seed_problems('seeds/milestones.csv', check_query) }}
{% endmacro %}
