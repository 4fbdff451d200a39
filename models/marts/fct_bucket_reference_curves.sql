-- The reference curve of every size bucket for every day since release from
-- 0 to ram_curve_days (365): statistics of the top ram_top_n models of the bucket that have a
-- value that day (ties by model_id), exactly as fct_bucket_reference does at
-- the milestones. Only the pruned candidates have daily values (see
-- int_reference_candidates_selected); they always include the top models.
with

candidate_downloads as (
    select * from {{ ref('int_reference_downloads_interpolated') }}
),

size_buckets as (
    select * from {{ ref('stg_seeds__size_buckets') }}
),

milestones as (
    select * from {{ ref('stg_seeds__milestones') }}
),

downloads_ranked as (
    select
        model_id,
        size_bucket,
        day_since_release,
        downloads,
        row_number() over (
            partition by size_bucket, day_since_release
            order by downloads desc, model_id asc
        ) as rank_in_bucket
    from candidate_downloads
),

reference_aggregated as (
    select
        size_bucket,
        day_since_release,
        count(*) as n_models,
        {{ ram.percentile_cont('downloads', 0.25) }} as p25_downloads,
        {{ ram.percentile_cont('downloads', 0.5) }} as median_downloads,
        {{ ram.percentile_cont('downloads', 0.75) }} as p75_downloads,
        min(downloads) as min_downloads,
        max(downloads) as max_downloads
    from downloads_ranked
    where rank_in_bucket <= {{ var('ram_top_n') }}
    group by size_bucket, day_since_release
),

reference_final as (
    select
        reference_aggregated.size_bucket,
        size_buckets.sort_order as size_bucket_sort_order,
        cast(reference_aggregated.day_since_release as integer) as day_since_release,
        milestones.milestone_days is not null as is_milestone,
        reference_aggregated.n_models,
        reference_aggregated.p25_downloads,
        reference_aggregated.median_downloads,
        reference_aggregated.p75_downloads,
        reference_aggregated.p75_downloads - reference_aggregated.p25_downloads as iqr_downloads,
        reference_aggregated.min_downloads,
        reference_aggregated.max_downloads
    from reference_aggregated
    inner join size_buckets
        on reference_aggregated.size_bucket = size_buckets.size_bucket
    left join milestones
        on reference_aggregated.day_since_release = milestones.milestone_days
)

select * from reference_final
