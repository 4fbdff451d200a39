with

milestone_downloads as (
    select * from {{ ref('int_milestone_downloads_interpolated') }}
),

milestones_final as (
    select
        model_id,
        size_bucket,
        milestone_days,
        milestone_date,
        downloads,
        is_interpolated,
        milestone_status,
        observed_before_day,
        observed_after_day
    from milestone_downloads
)

select * from milestones_final
