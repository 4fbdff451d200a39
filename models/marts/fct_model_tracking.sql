-- Each tracked model's current "tracking" score: its cumulative downloads on
-- its latest snapshot divided by its bucket's reference median at the same
-- age (fct_bucket_reference_curves), so a model has a number every day of
-- its first year, not only at the milestones.
with

models as (
    select * from {{ ref('dim_models') }}
),

reference_curves as (
    select * from {{ ref('fct_bucket_reference_curves') }}
),

model_summaries as (
    select * from {{ ref('int_snapshots_summarized') }}
),

data_date as (
    select max(last_snapshot_date) as data_date
    from model_summaries
),

models_aged as (
    select
        models.model_id,
        models.display_name,
        models.size_bucket,
        models.size_bucket_sort_order,
        models.release_date,
        data_date.data_date,
        models.age_days,
        models.last_snapshot_date,
        {{ ram.days_between('models.release_date', 'models.last_snapshot_date') }} as day_since_release,
        models.downloads_all_time
    from models
    cross join data_date
),

models_referenced as (
    select
        models_aged.*,
        reference_curves.n_models as reference_n_models,
        reference_curves.p25_downloads as reference_p25_downloads,
        reference_curves.median_downloads as reference_median_downloads,
        reference_curves.p75_downloads as reference_p75_downloads
    from models_aged
    left join reference_curves
        on
            models_aged.size_bucket = reference_curves.size_bucket
            and models_aged.day_since_release = reference_curves.day_since_release
),

tracking_scored as (
    select
        model_id,
        display_name,
        size_bucket,
        size_bucket_sort_order,
        release_date,
        data_date,
        age_days,
        last_snapshot_date,
        last_snapshot_date = data_date as is_current,
        day_since_release,
        cast(downloads_all_time as double) as downloads,
        reference_n_models,
        reference_p25_downloads,
        reference_median_downloads,
        reference_p75_downloads,
        downloads_all_time / nullif(reference_median_downloads, 0) as tracking_score,
        case
            when last_snapshot_date is null then 'never_landed'
            when release_date is null then 'unknown_release_date'
            when size_bucket is null then 'no_size_bucket'
            when day_since_release < 0 then 'before_release'
            when day_since_release > {{ var('ram_curve_days', 365) }} then 'past_curve_days'
            when reference_median_downloads is null then 'no_reference'
            when reference_median_downloads = 0 then 'zero_reference'
            else 'scored'
        end as tracking_status
    from models_referenced
)

select * from tracking_scored
