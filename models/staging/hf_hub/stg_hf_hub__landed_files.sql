-- The files of the landing with their size and modification time (no
-- content read): what the incremental aggregates compare against what they
-- processed last time.
with

landed_files as (
    {{ ram.list_landed_files() }}
)

select * from landed_files
