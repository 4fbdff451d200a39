with

milestone_downloads_ranked as (
    select * from {{ ref('int_milestone_downloads_ranked') }}
),

bucket_reference as (
    select * from {{ ref('fct_bucket_reference') }}
),

scores as (
    select
        milestone_downloads_ranked.model_id,
        milestone_downloads_ranked.size_bucket,
        milestone_downloads_ranked.milestone_days,
        milestone_downloads_ranked.milestone_date,
        milestone_downloads_ranked.downloads,
        milestone_downloads_ranked.is_interpolated,
        bucket_reference.median_downloads,
        milestone_downloads_ranked.downloads
        / nullif(bucket_reference.median_downloads, 0) as ram_score,
        milestone_downloads_ranked.rank_in_bucket,
        milestone_downloads_ranked.is_reference_model
    from milestone_downloads_ranked
    inner join bucket_reference
        on
            milestone_downloads_ranked.size_bucket = bucket_reference.size_bucket
            and milestone_downloads_ranked.milestone_days = bucket_reference.milestone_days
)

select * from scores
