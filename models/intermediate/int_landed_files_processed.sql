-- Record of the files the incremental aggregates have processed; written
-- after them, read by the next build (see macros/incremental_landing.sql).
-- depends_on: {{ ref('int_snapshots_summarized') }}
-- depends_on: {{ ref('int_model_downloads_by_interval') }}
with

landed_files as (
    select * from {{ ref('int_landed_files_listed') }}
)

select * from landed_files
