-- fct_bucket_reference_curves follows the method of fct_bucket_reference:
-- on every milestone up to ram_curve_days the two agree exactly (same
-- buckets, same number of models, same percentiles). Returns the mismatches.
with

bucket_reference as (
    select * from {{ ref('fct_bucket_reference') }}
),

reference_curves as (
    select * from {{ ref('fct_bucket_reference_curves') }}
),

milestone_references as (
    select *
    from bucket_reference
    where milestone_days <= {{ var('ram_curve_days', 365) }}
),

curve_milestones as (
    select *
    from reference_curves
    where is_milestone
),

compared as (
    select
        coalesce(milestone_references.size_bucket, curve_milestones.size_bucket) as size_bucket,
        coalesce(
            milestone_references.milestone_days, curve_milestones.day_since_release
        ) as day_since_release,
        milestone_references.n_models as milestone_n_models,
        curve_milestones.n_models as curve_n_models,
        milestone_references.p25_downloads as milestone_p25_downloads,
        curve_milestones.p25_downloads as curve_p25_downloads,
        milestone_references.median_downloads as milestone_median_downloads,
        curve_milestones.median_downloads as curve_median_downloads,
        milestone_references.p75_downloads as milestone_p75_downloads,
        curve_milestones.p75_downloads as curve_p75_downloads
    from milestone_references
    full outer join curve_milestones
        on
            milestone_references.size_bucket = curve_milestones.size_bucket
            and milestone_references.milestone_days = curve_milestones.day_since_release
),

mismatches as (
    select *
    from compared
    where
        milestone_n_models is distinct from curve_n_models
        or milestone_p25_downloads is distinct from curve_p25_downloads
        or milestone_median_downloads is distinct from curve_median_downloads
        or milestone_p75_downloads is distinct from curve_p75_downloads
)

select * from mismatches
