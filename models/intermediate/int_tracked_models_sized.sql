-- Tracked models with their size, bucket and release date: the tracked list's
-- overrides first, the Hub's values otherwise.
with

tracked_models as (
    select * from {{ ref('stg_seeds__tracked_models') }}
),

model_summaries as (
    select * from {{ ref('int_snapshots_summarized') }}
),

size_buckets as (
    select * from {{ ref('stg_seeds__size_buckets') }}
),

models_resolved as (
    select
        tracked_models.model_id,
        tracked_models.display_name,
        coalesce(
            tracked_models.params_b_override, model_summaries.params_total / 1e9
        ) as params_b,
        case
            when tracked_models.params_b_override is not null then 'tracked_list'
            when model_summaries.params_total is not null then 'hub'
        end as params_source,
        coalesce(
            tracked_models.release_date_override, cast(model_summaries.created_at as date)
        ) as release_date,
        case
            when tracked_models.release_date_override is not null then 'tracked_list'
            when model_summaries.created_at is not null then 'hub'
        end as release_date_source,
        model_summaries.first_snapshot_date,
        model_summaries.last_snapshot_date,
        model_summaries.downloads_all_time
    from tracked_models
    left join model_summaries
        on tracked_models.model_id = model_summaries.model_id
),

models_bucketed as (
    select
        models_resolved.*,
        size_buckets.size_bucket,
        size_buckets.sort_order as size_bucket_sort_order
    from models_resolved
    left join size_buckets
        on
            models_resolved.params_b >= size_buckets.min_params_b
            and (
                models_resolved.params_b < size_buckets.max_params_b
                or size_buckets.max_params_b is null
            )
)

select * from models_bucketed
