"""A daily incremental build reaches the same marts as a full refresh."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from dbt_helpers import DbtProject, assert_same_as_full_refresh

from extract.landing import to_table, write_partition_file

END_DATE = dt.date(2025, 12, 31)
N_MODELS = 300
N_DAYS = 420
MARTS = (
    "dim_models",
    "fct_milestone_downloads",
    "fct_bucket_reference",
    "fct_ram_scores",
    "rpt_recent_model_performance",
)
REBUILD_LOG = "rebuilding from scratch"


NEWCOMER = "org/newcomer"


def _synth(project: DbtProject, append_days: int = 0) -> None:
    """The synthetic landing, and its tracked list plus a model not landed yet."""
    project.land_synth(N_MODELS, N_DAYS, END_DATE, append_days=append_days)
    with (project.root / "seeds" / "tracked_models.csv").open("a") as handle:
        handle.write(f"{NEWCOMER},Newcomer,5,\n")


@pytest.fixture
def project(tmp_path) -> DbtProject:
    project = DbtProject.copy_to(tmp_path)
    _synth(project)
    project.build()
    return project


def test_new_day_is_merged_incrementally(project: DbtProject) -> None:
    _synth(project, append_days=1)
    # A tracked model first seen on the new day brings a new release date
    # and all its data: no rebuild needed for it either.
    new_day = END_DATE + dt.timedelta(days=1)
    created = dt.datetime.combine(new_day, dt.time(9), dt.UTC)
    table = to_table([{"model_id": NEWCOMER, "downloads_all_time": 42, "created_at": created}])
    write_partition_file(project.raw_root, new_day, table, "newcomer.parquet")
    result = project.build()
    assert REBUILD_LOG not in result.stdout
    [(latest,)] = project.query("select max(last_snapshot_date) from dim_models")
    assert latest == new_day
    [(release_date,)] = project.query(
        f"select release_date from dim_models where model_id = '{NEWCOMER}'"
    )
    assert release_date == new_day
    assert_same_as_full_refresh(project, {mart: "*" for mart in MARTS})


def test_late_partition_rebuilds_from_scratch(project: DbtProject) -> None:
    # A tracker's history lands in an old, already processed date; one of its
    # values is far larger, so it must show in the marts.
    model_id, release_date = project.query(
        "select model_id, release_date from dim_models "
        "where release_date > date '2025-03-01' order by model_id limit 1"
    )[0]
    late_date = release_date + dt.timedelta(days=7)
    table = to_table([{"model_id": model_id, "downloads_all_time": 10**11}])
    write_partition_file(project.raw_root, late_date, table, "history-late.parquet")
    result = project.build()
    assert REBUILD_LOG in result.stdout
    assert "history-late.parquet" in result.stdout
    [(downloads,)] = project.query(
        f"select downloads from fct_milestone_downloads "
        f"where model_id = '{model_id}' and milestone_days = 7"
    )
    assert downloads == 10**11
    assert_same_as_full_refresh(project, {mart: "*" for mart in MARTS})


def test_release_date_change_rebuilds_milestones(project: DbtProject) -> None:
    tracked = project.root / "seeds" / "tracked_models.csv"
    lines = tracked.read_text().splitlines()
    model_id = lines[1].split(",")[0]
    lines[1] = f"{model_id},Moved,,2025-06-01"
    tracked.write_text("\n".join(lines) + "\n")
    result = project.build()
    assert REBUILD_LOG in result.stdout
    assert "release date" in result.stdout
    assert_same_as_full_refresh(project, {mart: "*" for mart in MARTS})


def test_removed_partition_rebuilds_from_scratch(project: DbtProject) -> None:
    partitions = sorted((project.raw_root / "hf_model_snapshots").iterdir())
    shutil.rmtree(partitions[len(partitions) // 2])
    result = project.build()
    assert REBUILD_LOG in result.stdout
    assert_same_as_full_refresh(project, {mart: "*" for mart in MARTS})
