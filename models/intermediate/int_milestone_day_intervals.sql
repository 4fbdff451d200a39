-- Maps a day since release to the interval its observations are aggregated
-- in. Every milestone day ends an interval, so for any milestone the last
-- observation on or before it is the last day of one interval and the first
-- observation after it is the first day of a later one: a few rows per model
-- carry everything the method needs. Days before release share interval -1;
-- the last interval runs ram_max_gap_days past the last milestone (a later
-- observation is too far away to interpolate from).
with

milestones as (
    select * from {{ ref('stg_seeds__milestones') }}
),

day_offsets as (
    {{ ram.integer_series(13) }}
),

horizon as (
    select max(milestone_days) + {{ var('ram_max_gap_days') }} as last_day_offset
    from milestones
),

days_in_horizon as (
    select
        day_offsets.n as day_offset,
        horizon.last_day_offset
    from day_offsets
    inner join horizon
        on day_offsets.n <= horizon.last_day_offset
),

days_assigned as (
    select
        days_in_horizon.day_offset,
        coalesce(
            min(milestones.milestone_days), max(days_in_horizon.last_day_offset)
        ) as interval_end_day
    from days_in_horizon
    left join milestones
        on days_in_horizon.day_offset <= milestones.milestone_days
    group by days_in_horizon.day_offset
),

pre_release as (
    select
        -1 as day_offset,
        -1 as interval_end_day
),

day_intervals as (
    select * from days_assigned
    union all
    select * from pre_release
)

select * from day_intervals
