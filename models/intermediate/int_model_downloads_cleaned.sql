-- Each tracked model's cleaned series over its first year: one row per
-- observed day since release up to ram_curve_days (365 by default) +
-- ram_max_gap_days (the last curve day may be interpolated from an
-- observation that far out). The days before release are reduced to the last
-- of them, with the largest value seen before release: they matter only
-- through the running maximum and as the observation before day 0. With
-- nothing observed on or before release day, an implicit 0 on day 0 starts
-- the series. The cleaned value is the running maximum; each row also has the
-- day of the model's next row, so a day's value is a lookup of the rows
-- around it (the method of int_milestone_downloads_interpolated, for any day).
--
-- One window pass and no aggregation: ordered by day and then downloads, the
-- running maximum at the last row of a day covers that day's duplicates (the
-- largest wins), and the row after it is the next day's first. The window
-- partitions by an integer numbering of the models, valid within one build,
-- and model_id joins back at the end: sorting ~14M strings would cost more
-- than the whole rest of the model.
--
-- Incremental (see macros/cleaned_series_increment.sql): a daily build reads
-- only the new snapshot dates and continues each model's series from its
-- stored last observed row: it rewrites that row (its next day changes) and
-- appends the new days, a few rows per model instead of its whole first year.
{{
    config(
        materialized=ram.landing_aggregate_materialization(),
        unique_key=['model_id', 'day_since_release'],
        incremental_strategy='delete+insert',
        on_schema_change='fail',
        pre_hook="{{ ram.prepare_cleaned_series() }}",
        post_hook="{{ ram.drop_superseded_series_rows() }}",
    )
}}
-- depends_on: {{ ref('int_landed_files_listed') }}
{%- set increment = ram.cleaned_series_increment() %}

with

snapshots as (
    select * from {{ ref('stg_hf_hub__model_snapshots') }}
),

tracked_models as (
    select * from {{ ref('int_tracked_models_sized') }}
),

landed_files as (
    select * from {{ ref('int_landed_files_listed') }}
),

models_released as (
    select
        model_id,
        release_date,
        row_number() over (order by model_id) as model_key
    from tracked_models
    where release_date is not null
),

-- In a daily build, the models with a new or changed release date (or
-- newly tracked) are built from all their snapshots; the pre-hook has
-- deleted the rows of the changed ones. None otherwise.
models_rebuilt as (
    select
        model_id,
        release_date
    {%- if increment.full or not increment.rebuild_models %}
        from models_released
        where 1 = 0
    {%- else %}
        from models_released
        except
        select
            model_id,
            release_date
        from {{ this }}
        where next_day_since_release is null
    {%- endif %}
),

-- Every snapshot when rebuilding; in a daily build, the new dates and the
-- rebuilt models' snapshots.
snapshots_read as (
    select snapshots.*
    from snapshots
    {%- if increment.full %}
    {%- elif increment.rebuild_models %}
        where
            snapshots.snapshot_date > cast('{{ increment.after_date }}' as date)
            or snapshots.model_id in (select models_rebuilt.model_id from models_rebuilt)
    {%- else %}
        -- Only the new partitions are read.
        where snapshots.snapshot_date > cast('{{ increment.after_date }}' as date)
    {%- endif %}
),

snapshots_aged as (
    select
        models_released.model_key,
        snapshots_read.downloads_all_time,
        {{ ram.days_between('models_released.release_date', 'snapshots_read.snapshot_date') }}
            as day_since_release
    from snapshots_read
    inner join models_released
        on snapshots_read.model_id = models_released.model_id
),

new_observations as (
    select
        model_key,
        day_since_release,
        downloads_all_time
    from snapshots_aged
    where day_since_release <= {{ ram.cleaned_series_horizon_days() }}
),

-- Each stored model's last observed row, where its series continues; none
-- when rebuilding. Its running maximum carries everything before it.
series_ends as (
    {%- if increment.full %}
        select
            model_key,
            day_since_release,
            downloads_all_time,
            downloads_all_time as cleaned_downloads
        from new_observations
        where 1 = 0
    {%- else %}
        select
            models_released.model_key,
            stored_rows.day_since_release,
            stored_rows.downloads_all_time,
            stored_rows.cleaned_downloads
        from {{ this }} as stored_rows
        inner join models_released
            on stored_rows.model_id = models_released.model_id
        where stored_rows.next_day_since_release is null and stored_rows.is_observed
    {%- endif %}
),

-- The observations after a model's stored end: dates read again add nothing.
observations_continued as (
    select new_observations.*
    from new_observations
    left join series_ends
        on new_observations.model_key = series_ends.model_key
    where
        series_ends.model_key is null
        or new_observations.day_since_release > series_ends.day_since_release
),

-- The ends of the series that continue, ordered before their new days. The
-- end's running maximum is the value it carries into the window.
observations as (
    select
        model_key,
        day_since_release,
        downloads_all_time,
        downloads_all_time as carried_downloads
    from observations_continued
    union all
    select
        model_key,
        day_since_release,
        downloads_all_time,
        cleaned_downloads as carried_downloads
    from series_ends
    where model_key in (select observations_continued.model_key from observations_continued)
),

observations_windowed as (
    select
        model_key,
        day_since_release,
        downloads_all_time,
        max(carried_downloads) over (
            partition by model_key
            order by day_since_release, carried_downloads
            rows between unbounded preceding and current row
        ) as cleaned_downloads,
        lead(day_since_release) over (
            partition by model_key
            order by day_since_release, carried_downloads
        ) as next_day_since_release,
        first_value(day_since_release) over (
            partition by model_key
            order by day_since_release, carried_downloads
            rows between unbounded preceding and current row
        ) as first_day_since_release
    from observations
),

-- The last row of each day after release, and the last row before release.
days_observed as (
    select *
    from observations_windowed
    where
        next_day_since_release is null
        or (day_since_release >= 0 and next_day_since_release > day_since_release)
        or (day_since_release < 0 and next_day_since_release >= 0)
),

-- One row per model with an observation in the horizon: its last.
first_days as (
    select
        model_key,
        first_day_since_release
    from days_observed
    where next_day_since_release is null
),

-- The models whose series are written: all of them, or in a daily build
-- those with new observations in their first year and the rebuilt ones.
models_in_scope as (
    {%- if increment.full %}
        select model_key from models_released
    {%- else %}
        select model_key from observations_continued
    {%- endif %}
    union
    select models_released.model_key
    from models_rebuilt
    inner join models_released
        on models_rebuilt.model_id = models_released.model_id
),

-- A model with a stored end already has its implicit zero, if any.
implicit_release_zeros as (
    select
        models_in_scope.model_key,
        cast(0 as {{ dbt.type_bigint() }}) as day_since_release,
        false as is_observed,
        cast(null as {{ dbt.type_bigint() }}) as downloads_all_time,
        cast(0 as {{ dbt.type_bigint() }}) as cleaned_downloads,
        first_days.first_day_since_release as next_day_since_release
    from models_in_scope
    left join first_days
        on models_in_scope.model_key = first_days.model_key
    left join series_ends
        on models_in_scope.model_key = series_ends.model_key
    where
        series_ends.model_key is null
        and (
            first_days.first_day_since_release is null
            or first_days.first_day_since_release > 0
        )
),

series as (
    select
        model_key,
        day_since_release,
        true as is_observed,
        case
            when day_since_release < 0 then cleaned_downloads
            else downloads_all_time
        end as downloads_all_time,
        cleaned_downloads,
        next_day_since_release
    from days_observed
    union all
    select * from implicit_release_zeros
),

-- What this build processed, kept on every row it writes.
processed_dates as (
    select max(snapshot_date) as processed_through_date
    from landed_files
),

processed_files as (
    {{ ram.landed_files_fingerprint(
        'landed_files',
        '(select processed_dates.processed_through_date from processed_dates)'
    ) }}
),

series_recorded as (
    select
        models_released.model_id,
        series.day_since_release,
        series.is_observed,
        series.downloads_all_time,
        series.cleaned_downloads,
        series.next_day_since_release,
        models_released.release_date,
        processed_dates.processed_through_date,
        processed_files.landing_fingerprint,
        {{ ram.cleaned_series_horizon_days() }} as horizon_days
    from series
    inner join models_released
        on series.model_key = models_released.model_key
    cross join processed_dates
    cross join processed_files
)

select * from series_recorded
