-- What int_model_downloads_by_interval depends on besides the landing:
-- release dates and the day intervals. If any changes, it is rebuilt.
with

tracked_models as (
    select * from {{ ref('int_tracked_models_sized') }}
),

day_intervals as (
    select * from {{ ref('int_milestone_day_intervals') }}
),

release_dates as (
    select
        'release_date' as input_kind,
        model_id as input_key,
        cast(release_date as {{ dbt.type_string() }}) as input_value
    from tracked_models
    where release_date is not null
),

interval_bounds as (
    select
        'day_interval' as input_kind,
        cast(day_offset as {{ dbt.type_string() }}) as input_key,
        cast(interval_end_day as {{ dbt.type_string() }}) as input_value
    from day_intervals
),

milestone_inputs as (
    select * from release_dates
    union all
    select * from interval_bounds
)

select * from milestone_inputs
