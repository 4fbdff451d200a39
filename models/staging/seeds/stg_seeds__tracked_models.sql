{{ ram.validate_tracked_models(ref('tracked_models')) }}

with

tracked_models as (
    select * from {{ ref('tracked_models') }}
),

trimmed as (
    select
        trim(model_id) as model_id,
        nullif(trim(display_name), '') as display_name,
        nullif(trim(params_b), '') as params_b,
        nullif(trim(release_date), '') as release_date
    from tracked_models
),

typed as (
    select
        model_id,
        coalesce(display_name, model_id) as display_name,
        cast(params_b as double) as params_b_override,
        cast(release_date as date) as release_date_override
    from trimmed
)

select * from typed
