-- Each tracked model's cleaned cumulative downloads by day since release,
-- days 0 to ram_curve_days (365), for overlaying on the reference curves:
-- one row per observed day, plus the implicit 0 on release day when nothing
-- was observed on or before it. Points, not a daily grid: a BI tool draws
-- the lines. A view: the rows are int_model_downloads_cleaned's, so a build
-- does not write them twice.
{{ config(materialized='view') }}

with

downloads_cleaned as (
    select * from {{ ref('int_model_downloads_cleaned') }}
),

tracked_models as (
    select * from {{ ref('int_tracked_models_sized') }}
),

points as (
    select
        downloads_cleaned.model_id,
        tracked_models.size_bucket,
        cast(downloads_cleaned.day_since_release as integer) as day_since_release,
        {{ ram.add_days('tracked_models.release_date', 'downloads_cleaned.day_since_release') }}
            as curve_date,
        downloads_cleaned.cleaned_downloads as downloads,
        downloads_cleaned.downloads_all_time as landed_downloads_all_time,
        downloads_cleaned.is_observed,
        coalesce(
            downloads_cleaned.downloads_all_time < downloads_cleaned.cleaned_downloads, false
        ) as is_dip
    from downloads_cleaned
    inner join tracked_models
        on downloads_cleaned.model_id = tracked_models.model_id
    where
        downloads_cleaned.day_since_release >= 0
        and downloads_cleaned.day_since_release <= {{ var('ram_curve_days', 365) }}
)

select * from points
