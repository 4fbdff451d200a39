-- The one pass over the landing for milestones: each tracked model's
-- observations, aggregated per day group (see int_milestone_day_groups).
-- A handful of rows per model instead of one per day; taking the maximum per
-- group also applies the rule that duplicates resolve to the largest value.
with

snapshots as (
    select * from {{ ref('stg_hf_hub__model_snapshots') }}
),

tracked_models as (
    select * from {{ ref('int_tracked_models_sized') }}
),

day_groups as (
    select * from {{ ref('int_milestone_day_groups') }}
),

models_released as (
    select
        model_id,
        release_date
    from tracked_models
    where release_date is not null
),

snapshots_aged as (
    select
        snapshots.model_id,
        snapshots.downloads_all_time,
        {{ ram.days_between('models_released.release_date', 'snapshots.snapshot_date') }}
            as day_since_release
    from snapshots
    inner join models_released
        on snapshots.model_id = models_released.model_id
),

snapshots_grouped as (
    select
        snapshots_aged.model_id,
        day_groups.grouping_day,
        min(snapshots_aged.day_since_release) as first_day_since_release,
        max(snapshots_aged.day_since_release) as last_day_since_release,
        max(snapshots_aged.downloads_all_time) as max_downloads_all_time
    from snapshots_aged
    inner join day_groups
        on
            day_groups.day_offset = case
                when snapshots_aged.day_since_release < 0 then -1
                else snapshots_aged.day_since_release
            end
    group by
        snapshots_aged.model_id,
        day_groups.grouping_day
)

select * from snapshots_grouped
