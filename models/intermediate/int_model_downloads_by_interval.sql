-- The one pass over the landing for milestones: each tracked model's
-- observations aggregated per day interval (see int_milestone_day_intervals),
-- a handful of rows per model instead of one per day. Incremental: a daily
-- build reads only the new snapshot dates and merges them in; min and max
-- merge exactly (see macros/incremental_landing.sql).
{{
    config(
        materialized=ram.landing_aggregate_materialization(),
        unique_key=['model_id', 'interval_end_day'],
        incremental_strategy='delete+insert',
        on_schema_change='fail',
        pre_hook="{{ ram.reset_for_full_rebuild(ram.landing_increment(check_milestone_inputs=true)) }}",
    )
}}
-- depends_on: {{ ref('int_landed_files_listed') }}
-- depends_on: {{ ref('int_milestone_inputs_current') }}
{%- set increment = ram.landing_increment(check_milestone_inputs=true) %}
{#- 2^40: orders observations by day, then by downloads descending, in one
    bigint; counters stay far below it (a data test checks). -#}
{%- set day_weight = 1099511627776 %}

with

snapshots as (
    select * from {{ ref('stg_hf_hub__model_snapshots') }}
    {%- if not increment.full %}
        where snapshot_date > cast('{{ increment.after_date }}' as date)
    {%- endif %}
),

tracked_models as (
    select * from {{ ref('int_tracked_models_sized') }}
),

day_intervals as (
    select * from {{ ref('int_milestone_day_intervals') }}
),

models_released as (
    select
        model_id,
        release_date
    from tracked_models
    where release_date is not null
),

snapshots_aged as (
    select
        snapshots.model_id,
        snapshots.downloads_all_time,
        {{ ram.days_between('models_released.release_date', 'snapshots.snapshot_date') }}
            as day_since_release
    from snapshots
    inner join models_released
        on snapshots.model_id = models_released.model_id
),

-- Days past the last interval cannot change a milestone: the inner join
-- drops them.
snapshots_in_intervals as (
    select
        snapshots_aged.model_id,
        day_intervals.interval_end_day,
        snapshots_aged.day_since_release,
        snapshots_aged.downloads_all_time
    from snapshots_aged
    inner join day_intervals
        on
            day_intervals.day_offset = case
                when snapshots_aged.day_since_release < 0 then -1
                else snapshots_aged.day_since_release
            end
),

new_intervals as (
    select
        model_id,
        interval_end_day,
        min(day_since_release) as first_day_since_release,
        max(day_since_release) as last_day_since_release,
        max(downloads_all_time) as max_downloads_all_time,
        -- The smallest key belongs to the first day and, among duplicates
        -- of that day, to the largest count.
        min(day_since_release * {{ day_weight }} - downloads_all_time) as first_day_key
    from snapshots_in_intervals
    group by model_id, interval_end_day
),

-- The stored intervals the new observations fall in; none when rebuilding.
previous_intervals as (
    select previous.*
    {%- if increment.full %}
        from new_intervals as previous
        where 1 = 0
    {%- else %}
        from {{ this }} as previous
        inner join new_intervals
            on
                previous.model_id = new_intervals.model_id
                and previous.interval_end_day = new_intervals.interval_end_day
    {%- endif %}
),

intervals_stacked as (
    select
        model_id,
        interval_end_day,
        first_day_since_release,
        last_day_since_release,
        max_downloads_all_time,
        first_day_key
    from new_intervals
    union all
    select
        model_id,
        interval_end_day,
        first_day_since_release,
        last_day_since_release,
        max_downloads_all_time,
        first_day_key
    from previous_intervals
),

intervals_merged as (
    select
        model_id,
        interval_end_day,
        min(first_day_since_release) as first_day_since_release,
        max(last_day_since_release) as last_day_since_release,
        max(max_downloads_all_time) as max_downloads_all_time,
        min(first_day_key) as first_day_key
    from intervals_stacked
    group by model_id, interval_end_day
),

intervals_decoded as (
    select
        *,
        first_day_since_release * {{ day_weight }} - first_day_key as first_day_downloads
    from intervals_merged
)

select * from intervals_decoded
