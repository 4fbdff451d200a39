-- Tracked models that cannot be scored fully, and why: the analysts' to-do
-- list for the tracked list. A warning-level test reports it in every build.
with

models as (
    select * from {{ ref('dim_models') }}
),

problems as (
    select
        model_id,
        'never_landed' as problem,
        'no snapshot of this model has landed; check the model_id on the Hub' as detail
    from models
    where last_snapshot_date is null
    union all
    select
        model_id,
        'unknown_size' as problem,
        'the Hub reports no safetensors total; set params_b in seeds/tracked_models.csv' as detail
    from models
    where params_b is null
    union all
    select
        model_id,
        'no_size_bucket' as problem,
        'params_b falls in no bucket of seeds/size_buckets.csv' as detail
    from models
    where params_b is not null and size_bucket is null
    union all
    select
        model_id,
        'unknown_release_date' as problem,
        'the Hub reports no createdAt; set release_date in seeds/tracked_models.csv' as detail
    from models
    where release_date is null
)

select * from problems
