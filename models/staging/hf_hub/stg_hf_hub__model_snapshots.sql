-- Several files may land for one date (the daily snapshot and imported
-- history); duplicates are resolved downstream by the largest-value rule.
with

source as (
    select * from {{ source('hf_hub', 'model_snapshots') }}
),

renamed as (
    select
        cast(model_id as {{ dbt.type_string() }}) as model_id,
        cast(snapshot_date as date) as snapshot_date,
        cast(downloads_all_time as {{ dbt.type_bigint() }}) as downloads_all_time,
        cast(downloads_30d as {{ dbt.type_bigint() }}) as downloads_30d,
        cast(likes as {{ dbt.type_bigint() }}) as likes,
        created_at,
        cast(params_total as {{ dbt.type_bigint() }}) as params_total,
        cast(pipeline_tag as {{ dbt.type_string() }}) as pipeline_tag,
        cast(library_name as {{ dbt.type_string() }}) as library_name,
        extracted_at
    from source
)

select * from renamed
