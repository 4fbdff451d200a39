-- Which models need a daily series for fct_bucket_reference_curves, and on
-- which days: only those that can be in their bucket's top ram_top_n on a
-- day, so that 50,000 tracked models do not each get 366 daily values.
--
-- The pruning, exact by construction:
-- * Day 0 and each milestone up to ram_curve_days (365) start a segment,
--   which runs to the day before the next one (the last to ram_curve_days).
-- * The cleaned series never decreases, so on every day d of the segment on
--   which a model has a value, lower_bound <= value(d) <= upper_bound, with
--   lower_bound = its value at the segment's first milestone (0 when unknown,
--   or for the segment starting at day 0) and upper_bound = its value at the
--   next milestone, or, when that is unknown (gap, not reached, no next
--   milestone), the largest cleaned value of its first year.
-- * Models without any value in the segment (a gap or the end of their data
--   covers it) are left out.
-- * The anchors are the 2 x ram_top_n models with the largest lower bounds
--   (ties: model_id), and the threshold is the smallest of those. A model
--   whose upper bound is below the threshold is not a candidate: on any day
--   on which at least ram_top_n anchors have a value, those anchors are all
--   worth >= threshold > its value, so it cannot be in the top ram_top_n.
--   Ties at the threshold stay candidates, so ties by model_id stay exact.
-- * A day on which fewer than ram_top_n anchors have a value (their gaps
--   overlap) is not covered by that argument: on such a day every model of
--   the bucket with a value in the segment is requested too.
-- Buckets with at most 2 x ram_top_n such models are not pruned at all.
with

milestone_downloads as (
    select * from {{ ref('int_milestone_downloads_interpolated') }}
),

downloads_cleaned as (
    select * from {{ ref('int_model_downloads_cleaned') }}
),

milestones as (
    select * from {{ ref('stg_seeds__milestones') }}
),

tracked_models as (
    select * from {{ ref('int_tracked_models_sized') }}
),

day_offsets as (
    {{ ram.integer_series(12) }}
),

curve_days as (
    select n as day_since_release
    from day_offsets
    where n <= {{ var('ram_curve_days', 365) }}
),

breakpoints as (
    select 0 as start_day
    union all
    select milestone_days as start_day
    from milestones
    where milestone_days <= {{ var('ram_curve_days', 365) }}
),

segments as (
    select
        start_day as segment_start_day,
        coalesce(
            lead(start_day) over (order by start_day) - 1, {{ var('ram_curve_days', 365) }}
        ) as segment_end_day,
        lead(start_day) over (order by start_day) as next_milestone_days
    from breakpoints
),

-- The last row of a model's first-year series holds its largest cleaned value.
series_ends as (
    select
        downloads_cleaned.model_id,
        tracked_models.size_bucket,
        downloads_cleaned.cleaned_downloads as first_year_max_downloads
    from downloads_cleaned
    inner join tracked_models
        on downloads_cleaned.model_id = tracked_models.model_id
    where
        downloads_cleaned.next_day_since_release is null
        and tracked_models.size_bucket is not null
),

-- Days without a value: inside a gap wider than ram_max_gap_days between two
-- observations, or after the last one.
value_gaps as (
    select
        model_id,
        day_since_release + 1 as gap_start_day,
        coalesce(next_day_since_release - 1, {{ var('ram_curve_days', 365) }}) as gap_end_day
    from downloads_cleaned
    where
        day_since_release < {{ var('ram_curve_days', 365) }}
        and (
            next_day_since_release is null
            or next_day_since_release - day_since_release > {{ var('ram_max_gap_days') }}
        )
),

models_segmented as (
    select
        series_ends.model_id,
        series_ends.size_bucket,
        series_ends.first_year_max_downloads,
        segments.segment_start_day,
        segments.segment_end_day,
        segments.next_milestone_days
    from series_ends
    cross join segments
),

segments_without_values as (
    select
        models_segmented.model_id,
        models_segmented.segment_start_day
    from models_segmented
    inner join value_gaps
        on
            models_segmented.model_id = value_gaps.model_id
            and models_segmented.segment_start_day >= value_gaps.gap_start_day
            and models_segmented.segment_end_day <= value_gaps.gap_end_day
),

segments_with_values as (
    select models_segmented.*
    from models_segmented
    left join segments_without_values
        on
            models_segmented.model_id = segments_without_values.model_id
            and models_segmented.segment_start_day = segments_without_values.segment_start_day
    where segments_without_values.model_id is null
),

segments_bounded as (
    select
        segments_with_values.model_id,
        segments_with_values.size_bucket,
        segments_with_values.segment_start_day,
        segments_with_values.segment_end_day,
        coalesce(segment_start.downloads, 0) as lower_bound,
        coalesce(
            segment_end.downloads, segments_with_values.first_year_max_downloads
        ) as upper_bound
    from segments_with_values
    left join milestone_downloads as segment_start
        on
            segments_with_values.model_id = segment_start.model_id
            and segments_with_values.segment_start_day = segment_start.milestone_days
    left join milestone_downloads as segment_end
        on
            segments_with_values.model_id = segment_end.model_id
            and segments_with_values.next_milestone_days = segment_end.milestone_days
),

segments_ranked as (
    select
        *,
        row_number() over (
            partition by size_bucket, segment_start_day
            order by lower_bound desc, model_id asc
        ) as lower_bound_rank
    from segments_bounded
),

thresholds as (
    select
        size_bucket,
        segment_start_day,
        lower_bound as threshold
    from segments_ranked
    where lower_bound_rank = 2 * {{ var('ram_top_n') }}
),

segments_selected as (
    select
        segments_ranked.*,
        segments_ranked.lower_bound_rank <= 2 * {{ var('ram_top_n') }} as is_anchor,
        thresholds.threshold is null
        or segments_ranked.upper_bound >= thresholds.threshold as is_candidate
    from segments_ranked
    left join thresholds
        on
            segments_ranked.size_bucket = thresholds.size_bucket
            and segments_ranked.segment_start_day = thresholds.segment_start_day
),

segments_pruned as (
    select
        size_bucket,
        segment_start_day,
        sum(case when is_anchor then 1 else 0 end) as n_anchors
    from segments_selected
    group by size_bucket, segment_start_day
    having sum(case when is_candidate then 0 else 1 end) > 0
),

anchor_days_missing as (
    select
        segments_selected.size_bucket,
        segments_selected.segment_start_day,
        curve_days.day_since_release,
        count(distinct segments_selected.model_id) as n_anchors_missing
    from segments_selected
    inner join segments_pruned
        on
            segments_selected.size_bucket = segments_pruned.size_bucket
            and segments_selected.segment_start_day = segments_pruned.segment_start_day
    inner join value_gaps
        on
            segments_selected.model_id = value_gaps.model_id
            and segments_selected.segment_end_day >= value_gaps.gap_start_day
            and segments_selected.segment_start_day <= value_gaps.gap_end_day
    inner join curve_days
        on
            value_gaps.gap_start_day <= curve_days.day_since_release
            and value_gaps.gap_end_day >= curve_days.day_since_release
            and segments_selected.segment_start_day <= curve_days.day_since_release
            and segments_selected.segment_end_day >= curve_days.day_since_release
    where segments_selected.is_anchor
    group by
        segments_selected.size_bucket,
        segments_selected.segment_start_day,
        curve_days.day_since_release
),

days_unverified as (
    select
        anchor_days_missing.size_bucket,
        anchor_days_missing.segment_start_day,
        anchor_days_missing.day_since_release
    from anchor_days_missing
    inner join segments_pruned
        on
            anchor_days_missing.size_bucket = segments_pruned.size_bucket
            and anchor_days_missing.segment_start_day = segments_pruned.segment_start_day
    where
        segments_pruned.n_anchors - anchor_days_missing.n_anchors_missing < {{ var('ram_top_n') }}
),

candidate_requests as (
    select
        model_id,
        size_bucket,
        segment_start_day,
        segment_start_day as first_day_since_release,
        segment_end_day as last_day_since_release,
        lower_bound,
        upper_bound,
        is_anchor,
        'candidate' as request_reason
    from segments_selected
    where is_candidate
),

fallback_requests as (
    select
        segments_selected.model_id,
        segments_selected.size_bucket,
        segments_selected.segment_start_day,
        days_unverified.day_since_release as first_day_since_release,
        days_unverified.day_since_release as last_day_since_release,
        segments_selected.lower_bound,
        segments_selected.upper_bound,
        segments_selected.is_anchor,
        'unverified_day' as request_reason
    from segments_selected
    inner join days_unverified
        on
            segments_selected.size_bucket = days_unverified.size_bucket
            and segments_selected.segment_start_day = days_unverified.segment_start_day
    where not segments_selected.is_candidate
),

requests as (
    select * from candidate_requests
    union all
    select * from fallback_requests
)

select * from requests
