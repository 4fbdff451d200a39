{#- Incremental builds of int_model_downloads_cleaned.

    The model keeps its own record of what it processed, in columns of the
    rows each build writes (processed_through_date, landing_fingerprint,
    horizon_days, release_date), so it does not depend on when the other
    incremental models write their record (see macros/incremental_landing.sql).

    A daily build reads only the snapshot dates after the latest
    processed_through_date and continues the series of the models those
    dates observe in their first year from each one's stored last observed
    row (its running maximum carries everything before it): that row is
    rewritten with its new next day and the new days are appended, keyed by
    (model_id, day_since_release). A model with a new or changed release date
    is rebuilt from all its snapshots. Anything else rebuilds the table from
    scratch, with a log line: a file added, rewritten or removed in a
    processed date (the fingerprint of the files up to processed_through_date
    changed), a model no longer tracked, or a changed horizon
    (ram_curve_days, ram_max_gap_days). -#}

{% macro cleaned_series_horizon_days() -%}
    {{ return((var('ram_curve_days', 365) | int) + (var('ram_max_gap_days') | int)) }}
{%- endmacro %}


{#- One md5 over the path, size and modification time of every landed file up
    to through_date_expr: any change among those files changes it. -#}
{% macro landed_files_fingerprint(landed_files_relation, through_date_expr) -%}
    select
        {{ dbt.hash(dbt.listagg(
            "concat(file_path, '|', cast(file_size as " ~ dbt.type_string() ~ "), '|', cast(last_modified_at as "
            ~ dbt.type_string() ~ "))",
            "','",
            "order by file_path"
        )) }} as landing_fingerprint
    from {{ landed_files_relation }}
    where snapshot_date <= {{ through_date_expr }}
{%- endmacro %}


{% macro cleaned_series_increment() %}
    {#- Returns {'full': bool, 'after_date': 'YYYY-MM-DD' or none,
        'rebuild_models': bool, 'reason': str}. -#}
    {%- if not execute or model.resource_type != 'model' or not is_incremental() -%}
        {{ return({'full': true, 'after_date': none, 'reason': 'first build or --full-refresh'}) }}
    {%- endif -%}
    {#- A table from before this record: rebuilt (on_schema_change asks for
        --full-refresh). -#}
    {%- set stored_columns = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
    {%- if 'processed_through_date' not in stored_columns -%}
        {{ return({'full': true, 'after_date': none, 'reason': 'no record of what was processed'}) }}
    {%- endif -%}
    {%- set state_query -%}
        with
        stored as (
            select
                max(processed_through_date) as processed_through_date,
                count(*) as n_rows
            from {{ this }}
        ),
        latest as (
            select
                max(landing_fingerprint) as landing_fingerprint,
                max(horizon_days) as horizon_days
            from {{ this }}
            where processed_through_date = (select stored.processed_through_date from stored)
        )
        select
            cast(stored.processed_through_date as {{ dbt.type_string() }}) as processed_through_date,
            stored.n_rows,
            latest.landing_fingerprint,
            latest.horizon_days
        from stored
        cross join latest
    {%- endset -%}
    {%- set state = run_query(state_query).rows[0] -%}
    {%- if state['n_rows'] == 0 or state['processed_through_date'] is none -%}
        {{ return({'full': true, 'after_date': none, 'reason': 'nothing processed yet'}) }}
    {%- endif -%}
    {%- if state['horizon_days'] != ram.cleaned_series_horizon_days() -%}
        {{ return({'full': true, 'after_date': none, 'reason': 'ram_curve_days or ram_max_gap_days changed'}) }}
    {%- endif -%}

    {%- set fingerprint_query -%}
        {{ ram.landed_files_fingerprint(
            ref('int_landed_files_listed'),
            "cast('" ~ state['processed_through_date'] ~ "' as date)"
        ) }}
    {%- endset -%}
    {%- set fingerprint = run_query(fingerprint_query).columns[0].values()[0] -%}
    {%- if fingerprint != state['landing_fingerprint'] -%}
        {%- set reason = "files added, rewritten or removed in processed dates (up to "
            ~ state['processed_through_date'] ~ ")" -%}
        {{ return({'full': true, 'after_date': none, 'reason': reason}) }}
    {%- endif -%}

    {#- Models no longer tracked (or without a release date now) would keep
        their rows: rebuild. New or changed release dates only rebuild those
        models' series. -#}
    {%- set release_changes_query -%}
        with
        current_dates as (
            select model_id, release_date
            from {{ ref('int_tracked_models_sized') }}
            where release_date is not null
        ),
        -- A model's last row stands for all its rows (one per model).
        stored_dates as (
            select model_id, release_date
            from {{ this }}
            where next_day_since_release is null
        ),
        removed as (
            select model_id from stored_dates
            except
            select model_id from current_dates
        ),
        added_or_changed as (
            select * from current_dates
            except
            select * from stored_dates
        )
        select
            (select count(*) from removed) as n_removed,
            (select count(*) from added_or_changed) as n_added_or_changed
    {%- endset -%}
    {%- set changes = run_query(release_changes_query).rows[0] -%}
    {%- if changes['n_removed'] > 0 -%}
        {%- set reason = changes['n_removed'] ~ " model(s) no longer tracked or without a release date" -%}
        {{ return({'full': true, 'after_date': none, 'reason': reason}) }}
    {%- endif -%}
    {{ return({
        'full': false,
        'after_date': state['processed_through_date'],
        'rebuild_models': changes['n_added_or_changed'] > 0,
        'reason': 'new dates only',
    }) }}
{% endmacro %}


{#- pre_hook, one look at the record for both jobs: empty the table before a
    rebuild from scratch, or, in a daily build that rebuilds the models with
    a changed release date from all their snapshots, delete their stored rows
    first (they are keyed by other days since release). -#}
{% macro prepare_cleaned_series() %}
    {%- set increment = ram.cleaned_series_increment() -%}
    {%- if is_incremental() and not increment.full and increment.rebuild_models -%}
        delete from {{ this }}
        where model_id in (
            select stored.model_id
            from {{ this }} as stored
            inner join {{ ref('int_tracked_models_sized') }} as tracked_models
                on stored.model_id = tracked_models.model_id
            where
                stored.next_day_since_release is null
                and tracked_models.release_date <> stored.release_date
        )
    {%- else -%}
        {{ ram.reset_for_full_rebuild(increment) }}
    {%- endif -%}
{% endmacro %}


{#- post_hook: the rows a daily build supersedes without rewriting their key.
    A model has one row before release, the latest (a later observation
    before release replaces it), and an implicit zero only when nothing was
    observed on or before release day. -#}
{% macro drop_superseded_series_rows() %}
    {%- if is_incremental() -%}
        delete from {{ this }} as stale
        where
            (stale.day_since_release < 0 or not stale.is_observed)
            and exists (
                select 1
                from {{ this }} as later
                where
                    later.model_id = stale.model_id
                    and later.day_since_release < 0
                    and (
                        not stale.is_observed
                        or later.day_since_release > stale.day_since_release
                    )
            )
    {%- else -%}
        select 1 as nothing_superseded
    {%- endif -%}
{% endmacro %}
