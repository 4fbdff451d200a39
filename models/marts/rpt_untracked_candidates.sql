-- Models landed from the tracked organisations (the owners of the tracked
-- models, whose every model the snapshot job lands) that are not in the
-- tracked list, most downloaded first: the analysts' shortlist for
-- seeds/tracked_models.csv.
with

model_summaries as (
    select * from {{ ref('int_snapshots_summarized') }}
),

tracked_models as (
    select * from {{ ref('stg_seeds__tracked_models') }}
),

size_buckets as (
    select * from {{ ref('stg_seeds__size_buckets') }}
),

data_date as (
    select max(last_snapshot_date) as data_date
    from model_summaries
),

tracked_organisations as (
    select distinct {{ dbt.split_part('model_id', "'/'", 1) }} as organisation
    from tracked_models
),

models_untracked as (
    select
        model_summaries.*,
        {{ dbt.split_part('model_summaries.model_id', "'/'", 1) }} as organisation
    from model_summaries
    left join tracked_models
        on model_summaries.model_id = tracked_models.model_id
    where tracked_models.model_id is null
),

candidates as (
    select
        models_untracked.*,
        models_untracked.params_total / 1e9 as params_b
    from models_untracked
    inner join tracked_organisations
        on models_untracked.organisation = tracked_organisations.organisation
),

candidates_bucketed as (
    select
        candidates.model_id,
        candidates.organisation,
        candidates.params_b,
        size_buckets.size_bucket,
        size_buckets.sort_order as size_bucket_sort_order,
        cast(candidates.created_at as date) as created_date,
        {{ ram.days_between('cast(candidates.created_at as date)', 'data_date.data_date') }} as age_days,
        candidates.downloads_all_time,
        candidates.first_snapshot_date,
        candidates.last_snapshot_date,
        candidates.last_snapshot_date = data_date.data_date as is_current
    from candidates
    cross join data_date
    left join size_buckets
        on
            candidates.params_b >= size_buckets.min_params_b
            and (
                candidates.params_b < size_buckets.max_params_b
                or size_buckets.max_params_b is null
            )
),

candidates_ranked as (
    select
        *,
        -- bigint on every engine (Spark's row_number is an int).
        cast(row_number() over (
            order by downloads_all_time desc, model_id asc
        ) as {{ dbt.type_bigint() }}) as downloads_rank,
        cast(row_number() over (
            partition by organisation
            order by downloads_all_time desc, model_id asc
        ) as {{ dbt.type_bigint() }}) as organisation_downloads_rank
    from candidates_bucketed
)

select * from candidates_ranked
