"""The curves' incremental builds reach what a full refresh does.

int_model_downloads_cleaned is incremental with a record of its own (see
macros/cleaned_series_increment.sql): a new day continues the series of the
models in their first year from their stored last row; a model with a new
release date is rebuilt from all its snapshots; a file changed in a processed
date rebuilds the table.
"""

from __future__ import annotations

import datetime as dt

import pytest
from dbt_helpers import DbtProject, assert_same_as_full_refresh

from extract.landing import to_table, write_partition_file

END_DATE = dt.date(2025, 12, 31)
N_MODELS = 200
N_DAYS = 420
REBUILD_LOG = "int_model_downloads_cleaned: rebuilding from scratch"
# The record columns differ by design: rows of models a daily build did not
# touch keep the watermark of the build that wrote them.
CLEANED_COLUMNS = (
    "model_id, day_since_release, is_observed, downloads_all_time, cleaned_downloads, "
    "next_day_since_release, release_date"
)
TABLES = {
    "int_model_downloads_cleaned": CLEANED_COLUMNS,
    "fct_model_curves": "*",
    "fct_bucket_reference_curves": "*",
    "fct_model_tracking": "*",
}


def _synth(project: DbtProject, append_days: int = 0) -> None:
    project.land_synth(N_MODELS, N_DAYS, END_DATE, append_days=append_days)


@pytest.fixture
def project(tmp_path) -> DbtProject:
    project = DbtProject.copy_to(tmp_path)
    _synth(project)
    project.build()
    return project


def test_new_day_appends_to_the_young_models_only(project: DbtProject) -> None:
    [(rows_before,)] = project.query("select count(*) from int_model_downloads_cleaned")
    _synth(project, append_days=1)
    result = project.build()
    assert REBUILD_LOG not in result.stdout
    new_day = END_DATE + dt.timedelta(days=1)
    [(written, appended)] = project.query(
        f"select count(*) filter (where processed_through_date = date '{new_day}'), "
        f"count(*) - {rows_before} from int_model_downloads_cleaned"
    )
    # Per model in its first year: its new day, and its previous last row
    # rewritten with the new next day; nothing else.
    assert 0 < appended < written <= 2 * appended
    assert_same_as_full_refresh(project, TABLES)


def test_several_days_and_a_moved_release_in_one_build_then_nothing_new(
    project: DbtProject,
) -> None:
    tracked = project.root / "seeds" / "tracked_models.csv"
    lines = tracked.read_text().splitlines()
    model_id = lines[1].split(",")[0]
    lines[1] = f"{model_id},Moved,,2025-12-20"
    tracked_text = "\n".join(lines) + "\n"
    _synth(project, append_days=3)
    # land_synth rewrites the tracked list: move the release date after it.
    tracked.write_text(tracked_text)
    result = project.build()
    assert REBUILD_LOG not in result.stdout
    assert_same_as_full_refresh(project, TABLES)
    # A build with nothing new writes nothing.
    before = project.query(
        f"select {CLEANED_COLUMNS} from int_model_downloads_cleaned order by all"
    )
    project.build()
    after = project.query(f"select {CLEANED_COLUMNS} from int_model_downloads_cleaned order by all")
    assert after == before


def _land(project: DbtProject, snapshot_date: dt.date, downloads: dict[str, int]) -> None:
    rows = [{"model_id": model, "downloads_all_time": count} for model, count in downloads.items()]
    write_partition_file(project.raw_root, snapshot_date, to_table(rows), "extra.parquet")


def test_series_continue_across_release_day_and_first_landing(project: DbtProject) -> None:
    day = {offset: END_DATE + dt.timedelta(days=offset) for offset in range(-10, 6)}
    tracked = project.root / "seeds" / "tracked_models.csv"
    tracked.write_text(
        tracked.read_text()
        # Landed before its release day, then released.
        + f"acme/pre-release,Pre-release,7,{day[2]}\n"
        # Released, landed for the first time later.
        + f"acme/landed-late,Landed late,7,{day[-10]}\n"
        # Not landed yet, then landed before its release day.
        + f"acme/lands-early,Lands early,7,{day[5]}\n"
    )
    _land(project, day[-1], {"acme/pre-release": 100})
    _land(project, day[0], {"acme/pre-release": 150})
    project.build()
    # Pre-release: a dip before release, release day, a day after.
    for offset, downloads in [
        (1, {"acme/pre-release": 120, "acme/landed-late": 90, "acme/lands-early": 40}),
        (2, {"acme/pre-release": 200, "acme/lands-early": 45}),
        (3, {"acme/pre-release": 180, "acme/landed-late": 95}),
    ]:
        _land(project, day[offset], downloads)
        result = project.build()
        assert REBUILD_LOG not in result.stdout
        assert_same_as_full_refresh(project, TABLES)
    rows = project.query(
        "select model_id, day_since_release, is_observed, cleaned_downloads "
        "from int_model_downloads_cleaned where model_id like 'acme/%' order by all"
    )
    assert rows == [
        ("acme/landed-late", 0, False, 0),
        ("acme/landed-late", 11, True, 90),
        ("acme/landed-late", 13, True, 95),
        ("acme/lands-early", -3, True, 45),
        ("acme/pre-release", -1, True, 150),
        ("acme/pre-release", 0, True, 200),
        ("acme/pre-release", 1, True, 200),
    ]


def test_new_release_date_rebuilds_that_model_only(project: DbtProject) -> None:
    tracked = project.root / "seeds" / "tracked_models.csv"
    lines = tracked.read_text().splitlines()
    model_id = lines[1].split(",")[0]
    lines[1] = f"{model_id},Moved,,2025-06-01"
    tracked.write_text("\n".join(lines) + "\n")
    result = project.build()
    assert REBUILD_LOG not in result.stdout
    [(release_date,)] = project.query(
        "select distinct release_date from int_model_downloads_cleaned "
        f"where model_id = '{model_id}'"
    )
    assert release_date == dt.date(2025, 6, 1)
    assert_same_as_full_refresh(project, TABLES)


def test_late_partition_rebuilds_from_scratch(project: DbtProject) -> None:
    model_id, release_date = project.query(
        "select model_id, release_date from dim_models "
        "where release_date > date '2025-03-01' order by model_id limit 1"
    )[0]
    table = to_table([{"model_id": model_id, "downloads_all_time": 10**11}])
    write_partition_file(
        project.raw_root, release_date + dt.timedelta(days=7), table, "history-late.parquet"
    )
    result = project.build()
    assert REBUILD_LOG in result.stdout
    [(downloads,)] = project.query(
        f"select downloads from fct_model_curves where model_id = '{model_id}' "
        "and day_since_release = 7"
    )
    assert downloads == 10**11
    assert_same_as_full_refresh(project, TABLES)
