with

tracked_models as (
    select * from {{ ref('int_tracked_models_sized') }}
),

model_summaries as (
    select * from {{ ref('int_snapshots_summarized') }}
),

data_date as (
    select max(last_snapshot_date) as data_date
    from model_summaries
),

models_described as (
    select
        tracked_models.model_id,
        tracked_models.display_name,
        tracked_models.params_b,
        tracked_models.params_source,
        tracked_models.size_bucket,
        tracked_models.size_bucket_sort_order,
        tracked_models.release_date,
        tracked_models.release_date_source,
        {{ ram.days_between('tracked_models.release_date', 'data_date.data_date') }} as age_days,
        tracked_models.downloads_all_time,
        tracked_models.first_snapshot_date,
        tracked_models.last_snapshot_date
    from tracked_models
    cross join data_date
)

select * from models_described
