-- Maps a day since release to the group its observations are aggregated in.
-- Days within ram_max_gap_days of a milestone keep their own group, because a
-- milestone is observed or interpolated from those days only. The days
-- between two such windows form one group each: they matter only through
-- the running maximum. Days before release share group -1. Later days are
-- not listed: they cannot change any milestone.
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
    select day_offsets.n as day_offset
    from day_offsets
    inner join horizon
        on day_offsets.n <= horizon.last_day_offset
),

days_near_milestone as (
    select distinct days_in_horizon.day_offset
    from days_in_horizon
    inner join milestones
        on
            days_in_horizon.day_offset >= milestones.milestone_days - {{ var('ram_max_gap_days') }}
            and days_in_horizon.day_offset <= milestones.milestone_days + {{ var('ram_max_gap_days') }}
),

days_flagged as (
    select
        days_in_horizon.day_offset,
        days_near_milestone.day_offset is not null as is_near_milestone
    from days_in_horizon
    left join days_near_milestone
        on days_in_horizon.day_offset = days_near_milestone.day_offset
),

days_grouped as (
    select
        day_offset,
        is_near_milestone,
        case
            when is_near_milestone then day_offset
            -- A stretch between windows is keyed by its last day.
            else min(case when is_near_milestone then day_offset end) over (
                order by day_offset rows between current row and unbounded following
            ) - 1
        end as grouping_day
    from days_flagged
),

pre_release as (
    select
        -1 as day_offset,
        false as is_near_milestone,
        -1 as grouping_day
),

day_groups as (
    select * from days_grouped
    union all
    select * from pre_release
)

select * from day_groups
