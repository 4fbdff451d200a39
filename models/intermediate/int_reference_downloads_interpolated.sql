-- Daily cleaned cumulative downloads of the reference candidates (see
-- int_reference_candidates_selected), on the days they were selected for:
-- a day's value is the cleaned value when observed, else the linear
-- interpolation between the observations before and after it when those are
-- at most ram_max_gap_days apart, else none (no row). Same arithmetic as
-- int_milestone_downloads_interpolated, so milestone days agree exactly.
with

requests as (
    select * from {{ ref('int_reference_candidates_selected') }}
),

downloads_cleaned as (
    select * from {{ ref('int_model_downloads_cleaned') }}
),

day_offsets as (
    {{ ram.integer_series(12) }}
),

gap_offsets as (
    select n as day_offset
    from day_offsets
    where n <= {{ var('ram_max_gap_days') }}
),

-- Only rows within ram_max_gap_days of the requested days can be the
-- observation before or after one of them.
rows_requested as (
    select
        requests.model_id,
        requests.size_bucket,
        requests.first_day_since_release,
        requests.last_day_since_release,
        downloads_cleaned.day_since_release,
        downloads_cleaned.cleaned_downloads,
        downloads_cleaned.next_day_since_release
    from requests
    inner join downloads_cleaned
        on
            requests.model_id = downloads_cleaned.model_id
            and requests.first_day_since_release - {{ var('ram_max_gap_days') }}
            <= downloads_cleaned.day_since_release
            and requests.last_day_since_release + {{ var('ram_max_gap_days') }}
            >= downloads_cleaned.day_since_release
),

-- Each row stands for the days from its own up to the next row's. The next
-- row is among the requested rows whenever it is close enough to matter.
brackets as (
    select
        model_id,
        size_bucket,
        first_day_since_release,
        last_day_since_release,
        day_since_release as before_day,
        cleaned_downloads as before_downloads,
        next_day_since_release as after_day,
        lead(cleaned_downloads) over (
            partition by model_id, first_day_since_release
            order by day_since_release
        ) as after_downloads
    from rows_requested
),

-- The observed day itself, and the days up to the next observation when it
-- is close enough to interpolate.
days_expanded as (
    select
        brackets.*,
        brackets.before_day + gap_offsets.day_offset as day_since_release
    from brackets
    inner join gap_offsets
        on
            gap_offsets.day_offset = 0
            or (
                brackets.after_day - brackets.before_day <= {{ var('ram_max_gap_days') }}
                and gap_offsets.day_offset < brackets.after_day - brackets.before_day
            )
),

days_valued as (
    select
        model_id,
        size_bucket,
        day_since_release,
        case
            when before_day = day_since_release then cast(before_downloads as double)
            else
                before_downloads
                + (after_downloads - before_downloads)
                * cast(day_since_release - before_day as double)
                / (after_day - before_day)
        end as downloads,
        before_day != day_since_release as is_interpolated
    from days_expanded
    where
        day_since_release >= first_day_since_release
        and day_since_release <= last_day_since_release
)

select * from days_valued
