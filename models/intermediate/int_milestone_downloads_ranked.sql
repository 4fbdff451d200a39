-- Ranks models within their size bucket at each milestone; the top
-- ram_top_n (ties broken by model_id) make the bucket's reference.
with

milestone_downloads as (
    select * from {{ ref('int_milestone_downloads_interpolated') }}
),

downloads_known as (
    select *
    from milestone_downloads
    where downloads is not null and size_bucket is not null
),

downloads_ranked as (
    select
        *,
        -- bigint on every engine (Spark's row_number is an int).
        cast(row_number() over (
            partition by size_bucket, milestone_days
            order by downloads desc, model_id asc
        ) as {{ dbt.type_bigint() }}) as rank_in_bucket
    from downloads_known
),

reference_flagged as (
    select
        *,
        rank_in_bucket <= {{ var('ram_top_n') }} as is_reference_model
    from downloads_ranked
)

select * from reference_flagged
