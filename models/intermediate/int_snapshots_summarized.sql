-- One row per landed model (tracked or not): its latest counters and the
-- latest non-null Hub metadata. Incremental: a daily build reads only the new
-- snapshot dates and merges them in (see macros/incremental_landing.sql).
{{
    config(
        materialized=ram.landing_aggregate_materialization(),
        unique_key='model_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
        pre_hook="{{ ram.reset_for_full_rebuild(ram.landing_increment()) }}",
    )
}}
-- depends_on: {{ ref('int_landed_files_listed') }}
{%- set increment = ram.landing_increment() %}

with

snapshots as (
    select * from {{ ref('stg_hf_hub__model_snapshots') }}
    {%- if not increment.full %}
        where snapshot_date > cast('{{ increment.after_date }}' as date)
    {%- endif %}
),

snapshots_summarized as (
    select
        model_id,
        min(snapshot_date) as first_snapshot_date,
        max(snapshot_date) as last_snapshot_date,
        -- The cleaned series is a running maximum, so its latest value is the
        -- largest value ever landed.
        max(downloads_all_time) as downloads_all_time,
        {{ ram.arg_max_non_null('params_total', 'snapshot_date') }} as params_total,
        {{ ram.arg_max_non_null('created_at', 'snapshot_date') }} as created_at
    from snapshots
    group by model_id
),

-- Empty when rebuilding from scratch.
previous_summaries as (
    select *
    {%- if increment.full %}
        from snapshots_summarized
        where 1 = 0
    {%- else %}
        from {{ this }}
    {%- endif %}
),

-- Every new date is later than every processed one: new non-null values win.
summaries_merged as (
    select
        snapshots_summarized.model_id,
        coalesce(
            previous_summaries.first_snapshot_date, snapshots_summarized.first_snapshot_date
        ) as first_snapshot_date,
        snapshots_summarized.last_snapshot_date,
        case
            when previous_summaries.downloads_all_time > snapshots_summarized.downloads_all_time
                then previous_summaries.downloads_all_time
            else snapshots_summarized.downloads_all_time
        end as downloads_all_time,
        coalesce(snapshots_summarized.params_total, previous_summaries.params_total) as params_total,
        coalesce(snapshots_summarized.created_at, previous_summaries.created_at) as created_at
    from snapshots_summarized
    left join previous_summaries
        on snapshots_summarized.model_id = previous_summaries.model_id
)

select * from summaries_merged
