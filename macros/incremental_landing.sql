{#- Incremental processing of the landing.

    The landing only grows by whole partitions: normally one new snapshot date
    a day. The aggregates over it (int_snapshots_summarized,
    int_model_downloads_by_interval) then read only the dates after the last
    processed one and merge them in; their merges are idempotent (min, max,
    latest non-null), so reading a date twice is harmless.

    Anything else rebuilds them from scratch, with a log line saying why,
    because it can lower or move values already merged:
    - a file landed (or re-landed) in a date already processed: imported
      history, a re-run snapshot, a late partition;
    - a processed file deleted or rewritten;
    - for the milestone aggregate, changed release dates or milestone bounds.
    The record of what was processed is written after the aggregates
    (int_landed_files_processed, int_milestone_inputs_processed). -#}

{% macro list_landed_files() -%}
    {{ return(adapter.dispatch('list_landed_files', 'ram')()) }}
{%- endmacro %}

{% macro default__list_landed_files() -%}
    {#- Engines without a file listing: no record, so every build is full. -#}
    select
        cast(null as {{ dbt.type_string() }}) as file_path,
        cast(null as date) as snapshot_date,
        cast(null as {{ dbt.type_bigint() }}) as file_size,
        cast(null as {{ dbt.type_timestamp() }}) as last_modified_at
    where 1 = 0
{%- endmacro %}

{% macro duckdb__list_landed_files() -%}
    {#- read_blob reads no file content when only these columns are selected. -#}
    select
        filename as file_path,
        cast(regexp_extract(filename, 'snapshot_date=([0-9]{4}-[0-9]{2}-[0-9]{2})', 1) as date)
            as snapshot_date,
        size as file_size,
        cast(last_modified as timestamp) as last_modified_at
    from read_blob('{{ env_var("RAM_RAW_ROOT", "data/raw") }}/hf_model_snapshots/*/*.parquet')
{%- endmacro %}


{% macro landing_increment(check_milestone_inputs=false) %}
    {#- Returns {'full': bool, 'after_date': 'YYYY-MM-DD' or none, 'reason': str}. -#}
    {%- if not execute or model.resource_type != 'model' or not is_incremental() -%}
        {{ return({'full': true, 'after_date': none, 'reason': 'first build or --full-refresh'}) }}
    {%- endif -%}
    {%- set processed_files = adapter.get_relation(this.database, this.schema, 'int_landed_files_processed') -%}
    {%- set processed_inputs = adapter.get_relation(this.database, this.schema, 'int_milestone_inputs_processed') -%}
    {%- if processed_files is none or (check_milestone_inputs and processed_inputs is none) -%}
        {{ return({'full': true, 'after_date': none, 'reason': 'no record of what was processed'}) }}
    {%- endif -%}

    {%- set watermark_query -%}
        select cast(max(snapshot_date) as {{ dbt.type_string() }}) from {{ processed_files }}
    {%- endset -%}
    {%- set after_date = run_query(watermark_query).columns[0].values()[0] -%}
    {%- if after_date is none -%}
        {{ return({'full': true, 'after_date': none, 'reason': 'nothing processed yet'}) }}
    {%- endif -%}
    {#- A failed rebuild must not leave an empty table that later builds would
        only add to. -#}
    {%- set stored_rows = run_query('select count(*) from ' ~ this).columns[0].values()[0] -%}
    {%- if stored_rows == 0 -%}
        {{ return({'full': true, 'after_date': none, 'reason': 'the table is empty'}) }}
    {%- endif -%}

    {%- set file_changes_query -%}
        with
        listed as (select * from {{ ref('int_landed_files_listed') }}),
        processed as (select * from {{ processed_files }}),
        watermark as (select max(snapshot_date) as last_processed_date from processed),
        changes as (
            select
                coalesce(listed.file_path, processed.file_path) as file_path,
                coalesce(listed.snapshot_date, processed.snapshot_date) as snapshot_date,
                case
                    when listed.file_path is null then 'removed'
                    when processed.file_path is null then 'new'
                    else 'rewritten'
                end as change_kind
            from listed
            full outer join processed
                on listed.file_path = processed.file_path
            where
                listed.file_path is null
                or processed.file_path is null
                or listed.file_size <> processed.file_size
                or listed.last_modified_at <> processed.last_modified_at
        )
        select
            changes.file_path,
            cast(changes.snapshot_date as {{ dbt.type_string() }}) as snapshot_date,
            changes.change_kind,
            cast(watermark.last_processed_date as {{ dbt.type_string() }}) as last_processed_date
        from changes
        cross join watermark
        where changes.change_kind <> 'new' or changes.snapshot_date <= watermark.last_processed_date
        order by changes.snapshot_date, changes.file_path
    {%- endset -%}
    {%- set disruptive = run_query(file_changes_query) -%}
    {%- if disruptive.rows | length > 0 -%}
        {%- set first = disruptive.rows[0] -%}
        {%- set reason = disruptive.rows | length ~ " file(s) " ~ first['change_kind'] ~ " in processed dates, e.g. "
            ~ first['file_path'] ~ " (processed up to " ~ first['last_processed_date'] ~ ")" -%}
        {{ return({'full': true, 'after_date': none, 'reason': reason}) }}
    {%- endif -%}

    {%- if check_milestone_inputs -%}
        {#- A model first landed in the new dates brings all its data with it:
            its new release date needs no rebuild. -#}
        {%- set input_changes_query -%}
            with
            current_inputs as (select * from {{ ref('int_milestone_inputs_current') }}),
            processed as (select * from {{ processed_inputs }}),
            tracked_models as (select * from {{ ref('int_tracked_models_sized') }})
            select count(*) as n_changed
            from current_inputs
            full outer join processed
                on
                    current_inputs.input_kind = processed.input_kind
                    and current_inputs.input_key = processed.input_key
            left join tracked_models
                on
                    current_inputs.input_kind = 'release_date'
                    and current_inputs.input_key = tracked_models.model_id
            where
                (
                    current_inputs.input_key is null
                    or processed.input_key is null
                    or current_inputs.input_value <> processed.input_value
                )
                and not (
                    processed.input_key is null
                    and current_inputs.input_kind = 'release_date'
                    and coalesce(tracked_models.first_snapshot_date > cast('{{ after_date }}' as date), true)
                )
        {%- endset -%}
        {%- set n_changed = run_query(input_changes_query).columns[0].values()[0] -%}
        {%- if n_changed > 0 -%}
            {%- set reason = n_changed ~ " release date(s) or milestone bound(s) changed" -%}
            {{ return({'full': true, 'after_date': none, 'reason': reason}) }}
        {%- endif -%}
    {%- endif -%}

    {{ return({'full': false, 'after_date': after_date, 'reason': 'new snapshot dates only'}) }}
{% endmacro %}


{#- pre_hook of the incremental aggregates: empty the table before a rebuild
    from scratch, so rows of vanished keys do not linger. `increment` is what
    the model's increment macro decided (landing_increment,
    cleaned_series_increment). -#}
{% macro reset_for_full_rebuild(increment) %}
    {%- if is_incremental() and increment.full -%}
        {{ log(this.identifier ~ ": rebuilding from scratch: " ~ increment.reason, info=true) }}
        delete from {{ this }}
    {%- else -%}
        select 1 as nothing_to_reset
    {%- endif -%}
{% endmacro %}
