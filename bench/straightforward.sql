-- The straightforward way, for comparison in `make bench`: a running maximum
-- over every model's whole daily series with window functions, then
-- interpolation at the milestones. Same method as the dbt project.
-- Expects the variables raw_root and tracked_csv to be substituted.
create or replace table tracked as
select
    model_id,
    nullif(params_b, '') as params_b,
    nullif(release_date, '') as release_date
from read_csv('{tracked_csv}', all_varchar = true);

create or replace table observations as
select
    model_id,
    cast(snapshot_date as date) as snapshot_date,
    max(downloads_all_time) as downloads_all_time,
    max(created_at) as created_at,
    max(params_total) as params_total
from read_parquet('{raw_root}/hf_model_snapshots/*/*.parquet', hive_partitioning = true, union_by_name = true)
where model_id in (select model_id from tracked)
group by model_id, snapshot_date;

create or replace table models as
select
    tracked.model_id,
    coalesce(cast(tracked.params_b as double), max(observations.params_total) / 1e9) as params_b,
    coalesce(cast(tracked.release_date as date), cast(max(observations.created_at) as date)) as release_date
from tracked
left join observations on tracked.model_id = observations.model_id
group by tracked.model_id, tracked.params_b, tracked.release_date;

create or replace table cleaned as
select
    observations.model_id,
    date_diff('day', models.release_date, observations.snapshot_date) as day_since_release,
    max(observations.downloads_all_time) over (
        partition by observations.model_id order by observations.snapshot_date
        rows between unbounded preceding and current row
    ) as downloads
from observations
inner join models on observations.model_id = models.model_id
union all
select model_id, 0, 0
from models
where not exists (
    select 1 from observations
    where observations.model_id = models.model_id
      and observations.snapshot_date <= models.release_date
);

create or replace table milestone_values as
with milestones as (
    select unnest([7, 14, 30, 60, 90, 180, 365]) as milestone_days
),
brackets as (
    select
        milestones.milestone_days,
        cleaned.model_id,
        max(cleaned.day_since_release) filter (where cleaned.day_since_release <= milestones.milestone_days) as before_day,
        min(cleaned.day_since_release) filter (where cleaned.day_since_release > milestones.milestone_days) as after_day,
        arg_max(cleaned.downloads, cleaned.day_since_release) filter (where cleaned.day_since_release <= milestones.milestone_days) as before_downloads,
        arg_min(cleaned.downloads, cleaned.day_since_release) filter (where cleaned.day_since_release > milestones.milestone_days) as after_downloads
    from cleaned
    cross join milestones
    group by milestones.milestone_days, cleaned.model_id
)
select
    model_id,
    milestone_days,
    case
        when before_day = milestone_days then before_downloads
        when after_day - before_day <= 7
            then before_downloads + (after_downloads - before_downloads) * (milestone_days - before_day) / (after_day - before_day)
    end as downloads
from brackets;
