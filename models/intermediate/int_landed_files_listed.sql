-- The landing's files as listed at the start of this build, so every model
-- of the build compares against the same list.
with

landed_files as (
    select * from {{ ref('stg_hf_hub__landed_files') }}
)

select * from landed_files
