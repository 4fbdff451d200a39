{{ ram.validate_size_buckets(ref('size_buckets')) }}

with

size_buckets as (
    select * from {{ ref('size_buckets') }}
),

typed as (
    select
        trim(size_bucket) as size_bucket,
        cast(trim(min_params_b) as double) as min_params_b,
        cast(nullif(trim(max_params_b), '') as double) as max_params_b,
        cast(trim(sort_order) as integer) as sort_order
    from size_buckets
)

select * from typed
