-- The article's "Recent Model Performance" table: models released within
-- ram_recent_days of the data date, with score and downloads per milestone.

with

models as (
    select * from {{ ref('dim_models') }}
),

milestone_downloads as (
    select * from {{ ref('fct_milestone_downloads') }}
),

ram_scores as (
    select * from {{ ref('fct_ram_scores') }}
),

data_date as (
    select max(last_snapshot_date) as data_date
    from models
),

recent_models as (
    select
        models.*,
        data_date.data_date
    from models
    cross join data_date
    where
        models.release_date <= data_date.data_date
        and models.age_days <= {{ var('ram_recent_days') }}
),

milestones_scored as (
    select
        milestone_downloads.model_id,
        milestone_downloads.milestone_days,
        milestone_downloads.downloads,
        ram_scores.ram_score
    from milestone_downloads
    left join ram_scores
        on
            milestone_downloads.model_id = ram_scores.model_id
            and milestone_downloads.milestone_days = ram_scores.milestone_days
),

report_rows as (
    select
        recent_models.model_id,
        recent_models.display_name,
        recent_models.params_b,
        recent_models.size_bucket,
        recent_models.size_bucket_sort_order,
        recent_models.release_date,
        recent_models.age_days,
        recent_models.data_date,
        max(case when milestones_scored.milestone_days = 7 then milestones_scored.ram_score end)
            as ram_score_7d,
        max(case when milestones_scored.milestone_days = 7 then milestones_scored.downloads end)
            as downloads_7d,
        max(case when milestones_scored.milestone_days = 14 then milestones_scored.ram_score end)
            as ram_score_14d,
        max(case when milestones_scored.milestone_days = 14 then milestones_scored.downloads end)
            as downloads_14d,
        max(case when milestones_scored.milestone_days = 30 then milestones_scored.ram_score end)
            as ram_score_30d,
        max(case when milestones_scored.milestone_days = 30 then milestones_scored.downloads end)
            as downloads_30d,
        max(case when milestones_scored.milestone_days = 60 then milestones_scored.ram_score end)
            as ram_score_60d,
        max(case when milestones_scored.milestone_days = 60 then milestones_scored.downloads end)
            as downloads_60d,
        max(case when milestones_scored.milestone_days = 90 then milestones_scored.ram_score end)
            as ram_score_90d,
        max(case when milestones_scored.milestone_days = 90 then milestones_scored.downloads end)
            as downloads_90d
    from recent_models
    left join milestones_scored
        on recent_models.model_id = milestones_scored.model_id
    group by
        recent_models.model_id,
        recent_models.display_name,
        recent_models.params_b,
        recent_models.size_bucket,
        recent_models.size_bucket_sort_order,
        recent_models.release_date,
        recent_models.age_days,
        recent_models.data_date
)

select * from report_rows
