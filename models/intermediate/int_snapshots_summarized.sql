-- One row per landed model (tracked or not): its latest counters and the
-- latest non-null Hub metadata, in a single aggregation pass.
with

snapshots as (
    select * from {{ ref('stg_hf_hub__model_snapshots') }}
),

summarized as (
    select
        model_id,
        min(snapshot_date) as first_snapshot_date,
        max(snapshot_date) as last_snapshot_date,
        count(distinct snapshot_date) as n_snapshot_dates,
        -- The cleaned series is a running maximum, so its latest value is the
        -- largest value ever landed.
        max(downloads_all_time) as downloads_all_time,
        {{ ram.arg_max('downloads_30d', 'case when downloads_30d is not null then snapshot_date end') }}
            as downloads_30d,
        {{ ram.arg_max('likes', 'case when likes is not null then snapshot_date end') }} as likes,
        {{ ram.arg_max('params_total', 'case when params_total is not null then snapshot_date end') }}
            as params_total,
        {{ ram.arg_max('created_date', 'case when created_date is not null then snapshot_date end') }}
            as created_date,
        {{ ram.arg_max('pipeline_tag', 'case when pipeline_tag is not null then snapshot_date end') }}
            as pipeline_tag,
        {{ ram.arg_max('library_name', 'case when library_name is not null then snapshot_date end') }}
            as library_name
    from snapshots
    group by model_id
)

select * from summarized
