-- Cumulative downloads of each tracked model at each milestone (days since
-- release), from the cleaned series: an implicit 0 at release when nothing was
-- observed by then, then the running maximum, so one-day dips do not count.
-- A milestone without an observation is interpolated linearly between the
-- last observation before it and the first after it, when those are at most
-- ram_max_gap_days apart.
with

downloads_by_interval as (
    select * from {{ ref('int_model_downloads_by_interval') }}
),

tracked_models as (
    select * from {{ ref('int_tracked_models_sized') }}
),

milestones as (
    select * from {{ ref('stg_seeds__milestones') }}
),

models_released as (
    select
        model_id,
        size_bucket,
        release_date,
        last_snapshot_date
    from tracked_models
    where release_date is not null
),

first_observations as (
    select
        model_id,
        min(first_day_since_release) as first_day_since_release
    from downloads_by_interval
    group by model_id
),

implicit_release_zeros as (
    select
        models_released.model_id,
        0 as first_day_since_release,
        0 as last_day_since_release,
        cast(0 as {{ dbt.type_bigint() }}) as max_downloads_all_time,
        cast(0 as {{ dbt.type_bigint() }}) as first_day_downloads
    from models_released
    left join first_observations
        on models_released.model_id = first_observations.model_id
    where
        first_observations.first_day_since_release is null
        or first_observations.first_day_since_release > 0
),

series as (
    select
        model_id,
        first_day_since_release,
        last_day_since_release,
        max_downloads_all_time,
        first_day_downloads
    from downloads_by_interval
    union all
    select * from implicit_release_zeros
),

-- Intervals are disjoint day ranges, so ordering by their first day orders them.
series_cleaned as (
    select
        model_id,
        last_day_since_release,
        max(max_downloads_all_time) over (
            partition by model_id
            order by first_day_since_release
            rows between unbounded preceding and current row
        ) as cleaned_downloads,
        lead(first_day_since_release) over (
            partition by model_id order by first_day_since_release
        ) as next_day_since_release,
        lead(first_day_downloads) over (
            partition by model_id order by first_day_since_release
        ) as next_first_day_downloads
    from series
),

-- For each milestone, the last observation on or before it and the first
-- after it. A milestone ends an interval, so those are an interval's last day
-- and the next interval's first day; the running maximum at the first day
-- after is the larger of the maximum so far and that day's count.
milestone_brackets as (
    select
        series_cleaned.model_id,
        milestones.milestone_days,
        series_cleaned.last_day_since_release as before_day,
        series_cleaned.cleaned_downloads as before_downloads,
        series_cleaned.next_day_since_release as after_day,
        greatest(
            series_cleaned.cleaned_downloads, series_cleaned.next_first_day_downloads
        ) as after_downloads
    from series_cleaned
    inner join milestones
        on
            series_cleaned.last_day_since_release <= milestones.milestone_days
            and (
                series_cleaned.next_day_since_release > milestones.milestone_days
                or series_cleaned.next_day_since_release is null
            )
),

milestones_dated as (
    select
        milestone_brackets.*,
        models_released.size_bucket,
        models_released.last_snapshot_date,
        {{ ram.add_days('models_released.release_date', 'milestone_brackets.milestone_days') }}
            as milestone_date
    from milestone_brackets
    inner join models_released
        on milestone_brackets.model_id = models_released.model_id
),

milestones_classified as (
    select
        *,
        case
            when before_day = milestone_days then 'observed'
            when after_day - before_day <= {{ var('ram_max_gap_days') }} then 'interpolated'
            -- Observed after the milestone, but too far from it on one side.
            when last_snapshot_date > milestone_date then 'gap_too_wide'
            else 'not_reached'
        end as milestone_status
    from milestones_dated
),

milestone_values as (
    select
        model_id,
        size_bucket,
        milestone_days,
        milestone_date,
        case
            when milestone_status = 'observed' then cast(before_downloads as double)
            when milestone_status = 'interpolated'
                then
                    before_downloads
                    + (after_downloads - before_downloads)
                    * cast(milestone_days - before_day as double)
                    / (after_day - before_day)
        end as downloads,
        milestone_status = 'interpolated' as is_interpolated,
        milestone_status,
        before_day as observed_before_day,
        after_day as observed_after_day
    from milestones_classified
)

select * from milestone_values
