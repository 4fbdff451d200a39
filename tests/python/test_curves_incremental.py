"""The curves' incremental builds reach what a full refresh does.

int_model_downloads_cleaned is incremental with a record of its own (see
macros/cleaned_series_increment.sql): a new day only redoes the models in
their first year; a model with a new release date is rebuilt from all its
snapshots; a file changed in a processed date rebuilds the table.
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


def test_new_day_redoes_only_the_young_models(project: DbtProject) -> None:
    [(rows_before,)] = project.query(
        "select count(*) from int_model_downloads_cleaned "
        f"where processed_through_date = date '{END_DATE}'"
    )
    _synth(project, append_days=1)
    result = project.build()
    assert REBUILD_LOG not in result.stdout
    new_day = END_DATE + dt.timedelta(days=1)
    [(rewritten, kept)] = project.query(
        "select count(*) filter (where processed_through_date = date "
        f"'{new_day}'), count(*) filter (where processed_through_date = date '{END_DATE}') "
        "from int_model_downloads_cleaned"
    )
    # Some models are in their first year and were redone, the others kept.
    assert rewritten > 0 and 0 < kept < rows_before
    assert_same_as_full_refresh(project, TABLES)


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
