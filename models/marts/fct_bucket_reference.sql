with

milestone_downloads_ranked as (
    select * from {{ ref('int_milestone_downloads_ranked') }}
),

size_buckets as (
    select * from {{ ref('stg_seeds__size_buckets') }}
),

reference_models as (
    select *
    from milestone_downloads_ranked
    where is_reference_model
),

reference_aggregated as (
    select
        size_bucket,
        milestone_days,
        count(*) as n_models,
        {{ ram.percentile_cont('downloads', 0.25) }} as p25_downloads,
        {{ ram.percentile_cont('downloads', 0.5) }} as median_downloads,
        {{ ram.percentile_cont('downloads', 0.75) }} as p75_downloads,
        avg(downloads) as mean_downloads,
        min(downloads) as min_downloads,
        max(downloads) as max_downloads
    from reference_models
    group by size_bucket, milestone_days
),

reference_final as (
    select
        reference_aggregated.size_bucket,
        size_buckets.sort_order as size_bucket_sort_order,
        reference_aggregated.milestone_days,
        reference_aggregated.n_models,
        reference_aggregated.p25_downloads,
        reference_aggregated.median_downloads,
        reference_aggregated.p75_downloads,
        reference_aggregated.p75_downloads - reference_aggregated.p25_downloads as iqr_downloads,
        reference_aggregated.mean_downloads,
        reference_aggregated.min_downloads,
        reference_aggregated.max_downloads
    from reference_aggregated
    inner join size_buckets
        on reference_aggregated.size_bucket = size_buckets.size_bucket
)

select * from reference_final
