-- Each tracked model's cleaned series over its first year: one row per
-- observed day since release up to ram_curve_days (365 by default) +
-- ram_max_gap_days (the last curve day may be interpolated from an
-- observation that far out). The days before release are reduced to the last
-- of them: they matter only through the running maximum and as the
-- observation before day 0. With nothing observed on or before release day,
-- an implicit 0 on day 0 starts the series. The cleaned value is the running
-- maximum; each row also has the day of the model's next row, so a day's
-- value is a lookup of the rows around it (the method of
-- int_milestone_downloads_interpolated, for any day).
--
-- One window pass and no aggregation: ordered by day and then downloads, the
-- running maximum at the last row of a day covers that day's duplicates (the
-- largest wins), and the row after it is the next day's first.
with

snapshots as (
    select * from {{ ref('stg_hf_hub__model_snapshots') }}
),

tracked_models as (
    select * from {{ ref('int_tracked_models_sized') }}
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

snapshots_in_horizon as (
    select *
    from snapshots_aged
    where day_since_release <= {{ var('ram_curve_days', 365) }} + {{ var('ram_max_gap_days') }}
),

snapshots_windowed as (
    select
        model_id,
        day_since_release,
        downloads_all_time,
        max(downloads_all_time) over (
            partition by model_id
            order by day_since_release, downloads_all_time
            rows between unbounded preceding and current row
        ) as cleaned_downloads,
        lead(day_since_release) over (
            partition by model_id
            order by day_since_release, downloads_all_time
        ) as next_day_since_release,
        first_value(day_since_release) over (
            partition by model_id
            order by day_since_release, downloads_all_time
            rows between unbounded preceding and current row
        ) as first_day_since_release
    from snapshots_in_horizon
),

-- The last row of each day after release, and the last row before release.
days_observed as (
    select *
    from snapshots_windowed
    where
        next_day_since_release is null
        or (day_since_release >= 0 and next_day_since_release > day_since_release)
        or (day_since_release < 0 and next_day_since_release >= 0)
),

-- One row per model with an observation in the horizon: its last.
first_days as (
    select
        model_id,
        first_day_since_release
    from days_observed
    where next_day_since_release is null
),

implicit_release_zeros as (
    select
        models_released.model_id,
        cast(0 as {{ dbt.type_bigint() }}) as day_since_release,
        false as is_observed,
        cast(null as {{ dbt.type_bigint() }}) as downloads_all_time,
        cast(0 as {{ dbt.type_bigint() }}) as cleaned_downloads,
        first_days.first_day_since_release as next_day_since_release
    from models_released
    left join first_days
        on models_released.model_id = first_days.model_id
    where
        first_days.first_day_since_release is null
        or first_days.first_day_since_release > 0
),

series as (
    select
        model_id,
        day_since_release,
        true as is_observed,
        downloads_all_time,
        cleaned_downloads,
        next_day_since_release
    from days_observed
    union all
    select * from implicit_release_zeros
)

select * from series
