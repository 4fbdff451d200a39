"""The same project on Spark (`dbt build --target spark`) gives the same marts as on DuckDB.

One landing, built once per engine: a SYNTHETIC landing of a few hundred
models (missing days, dips) plus hand-made models for the edge cases
(duplicates across files, dips, gaps, sizes and dates from the Hub or the
tracked list, nulls in the latest snapshot, ties, a model never landed, text
that needs quoting). Spark's marts are read from `ram-report export --target
spark` (data/marts/<name>.parquet as BI tools see them), DuckDB's from its file.

Run alone with `pytest -m spark`; needs the `spark` extra and Java 17.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
import time
from pathlib import Path

import duckdb
import pytest
from dbt_helpers import DbtProject

from extract.export import MANIFEST_NAME, list_marts
from extract.landing import to_table, write_partition_file

pytest.importorskip("pyspark", reason="the spark extra is not installed: pip install '.[spark]'")
pytest.importorskip("dbt.adapters.spark", reason="the spark extra is not installed")

pytestmark = pytest.mark.spark

END_DATE = dt.date(2025, 12, 31)
N_MODELS = 250
N_DAYS = 400
# The marts of this version; the test compares every mart the DuckDB build has.
MARTS = (
    "dim_models",
    "fct_bucket_reference",
    "fct_bucket_reference_curves",
    "fct_milestone_downloads",
    "fct_model_curves",
    "fct_model_tracking",
    "fct_ram_scores",
    "rpt_recent_model_performance",
    "rpt_tracked_models_qa",
    "rpt_untracked_candidates",
)
RAM_REPORT = str(Path(sys.executable).with_name("ram-report"))
RELEASE = dt.date(2025, 6, 1)
# Quotes, a comma and a backslash: seeds on Spark are loaded as SQL literals.
HAND_TRACKED = """hand/dips-and-gaps,"O'Hand, ""the first"" \\ one",2,
hand/hub-size,Hub size,,
hand/tie-a,Tie A,3,2025-06-01
hand/tie-b,Tie B,3,2025-06-01
hand/never-landed,Never landed,7,2025-06-01
hand/unknown-size,Unknown size,,2025-06-01
hand/late-night,Late night,0.5,
"""


def _land_hand_made(project: DbtProject) -> None:
    """Edge cases in files of their own next to the synthetic ones."""
    created = dt.datetime(2025, 6, 1, 23, 30, tzinfo=dt.UTC)
    by_date: dict[dt.date, list[dict[str, object]]] = {}

    def observe(model_id: str, day: int, downloads: int, **fields: object) -> None:
        row = {"model_id": model_id, "downloads_all_time": downloads, "created_at": created}
        by_date.setdefault(RELEASE + dt.timedelta(days=day), []).append(row | fields)

    for day in range(0, 200):
        # A dip on day 7, missing days 12-16 (interpolated), 25-40 (too wide).
        if day not in range(12, 17) and day not in range(25, 41):
            observe("hand/dips-and-gaps", day, 5 if day == 7 else 1000 * day)
        # Size from the Hub; the latest snapshots carry no size: the last
        # non-null one counts.
        observe(
            "hand/hub-size",
            day,
            700 * day,
            params_total=None if day > 150 else 8_000_000_000 + day,
        )
        # Exactly tied downloads: ranked by model_id.
        observe("hand/tie-a", day, 400 * day)
        observe("hand/tie-b", day, 400 * day)
        observe("hand/unknown-size", day, 10 * day)
        # Landed from a tracked organisation, not tracked: a candidate.
        observe("hand/untracked", day, 50 * day, params_total=1_500_000_000)
        # createdAt 23:30 UTC: released that UTC date, whatever the zone.
        observe("hand/late-night", day, 3 * day * day)
    for date, rows in by_date.items():
        write_partition_file(project.raw_root, date, to_table(rows), "hand.parquet")
    # A second file for some dates with duplicates: smaller ones (ignored) and
    # a larger one (wins).
    for day, downloads in ((7, 1), (60, 3), (90, 10**9)):
        write_partition_file(
            project.raw_root,
            RELEASE + dt.timedelta(days=day),
            to_table([{"model_id": "hand/dips-and-gaps", "downloads_all_time": downloads}]),
            "history-duplicates.parquet",
        )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    project = DbtProject.copy_to(tmp_path_factory.mktemp("spark"))
    project.land_synth(N_MODELS, N_DAYS, END_DATE)
    tracked = project.root / "seeds" / "tracked_models.csv"
    tracked.write_text(tracked.read_text() + HAND_TRACKED)
    _land_hand_made(project)
    return project


@pytest.fixture(scope="module")
def built(project: DbtProject) -> DbtProject:
    project.build("--target", "duckdb")
    started = time.monotonic()
    project.build("--target", "spark")
    built_at = time.monotonic()
    export = project.run(RAM_REPORT, "export", "--target", "spark", "--output-dir", "spark-marts")
    assert export.returncode == 0, export.stdout + export.stderr
    print(
        f"dbt build --target spark: {built_at - started:.0f} s, "
        f"ram-report export --target spark: {time.monotonic() - built_at:.0f} s"
    )
    return project


def _spark_export(project: DbtProject) -> Path:
    return project.root / "spark-marts"


def _columns_and_rows(connection: duckdb.DuckDBPyConnection, relation: str) -> tuple[list, list]:
    columns = [
        column[:2] for column in connection.execute(f"describe select * from {relation}").fetchall()
    ]
    return columns, connection.execute(f"select * from {relation} order by all").fetchall()


def _assert_rows_equal(table: str, expected: list[tuple], actual: list[tuple]) -> None:
    assert len(actual) == len(expected), table
    for expected_row, actual_row in zip(expected, actual, strict=True):
        for expected_value, actual_value in zip(expected_row, actual_row, strict=True):
            if isinstance(expected_value, float) and actual_value is not None:
                assert math.isclose(actual_value, expected_value, rel_tol=1e-9), (
                    table,
                    expected_row,
                    actual_row,
                )
            else:
                assert actual_value == expected_value, (table, expected_row, actual_row)


def test_spark_export_has_every_mart(built: DbtProject) -> None:
    with duckdb.connect(str(built.duckdb_path), read_only=True) as connection:
        duckdb_marts = list_marts(connection)
    manifest = json.loads((_spark_export(built) / MANIFEST_NAME).read_text())
    assert sorted(manifest["marts"]) == duckdb_marts == sorted(MARTS)


@pytest.mark.parametrize("table", MARTS)
def test_mart_equals_duckdb_row_for_row(built: DbtProject, table: str) -> None:
    with duckdb.connect(str(built.duckdb_path), read_only=True) as connection:
        duckdb_columns, duckdb_rows = _columns_and_rows(connection, table)
    with duckdb.connect() as connection:
        spark_file = str(_spark_export(built) / f"{table}.parquet")
        spark_columns, spark_rows = _columns_and_rows(connection, f"read_parquet('{spark_file}')")
    assert spark_columns == duckdb_columns
    assert duckdb_rows, f"{table} is empty: the comparison would prove nothing"
    _assert_rows_equal(table, duckdb_rows, spark_rows)


def test_landing_covers_the_edge_cases(built: DbtProject) -> None:
    """The comparison is only as good as the landing: the cases are there."""
    with duckdb.connect(str(built.duckdb_path), read_only=True) as connection:
        statuses = dict(
            connection.execute(
                "select milestone_status, count(*) from fct_milestone_downloads group by 1"
            ).fetchall()
        )
        problems = {
            row[0]
            for row in connection.execute("select problem from rpt_tracked_models_qa").fetchall()
        }
        names = dict(connection.execute("select model_id, display_name from dim_models").fetchall())
        sizes = dict(connection.execute("select model_id, params_b from dim_models").fetchall())
    assert set(statuses) == {"observed", "interpolated", "gap_too_wide", "not_reached"}
    assert {"never_landed", "unknown_size"} <= problems
    assert names["hand/dips-and-gaps"] == 'O\'Hand, "the first" \\ one'
    # The latest non-null size from the Hub (day 150).
    assert sizes["hand/hub-size"] == pytest.approx(8.00000015)


def test_bad_seeds_stop_the_spark_build_naming_row_and_value(tmp_path) -> None:
    project = DbtProject.copy_to(tmp_path)
    write_partition_file(
        project.raw_root,
        dt.date(2025, 1, 2),
        to_table([{"model_id": "org/alpha", "downloads_all_time": 1}]),
        "test.parquet",
    )
    project.write_seed(
        "tracked_models",
        "model_id,display_name,params_b,release_date\n"
        "org/alpha,Alpha,seven,2025-01-01\norg/beta,Beta,2,2025-02-30\nnot-a-hub-id,X,,\n",
    )
    project.write_seed(
        "size_buckets",
        "size_bucket,min_params_b,max_params_b,sort_order\nsmall,0,10,1\nmedium,5,20,2\n"
        "large,20,,3\n",
    )
    project.write_seed("milestones", "milestone_days\n7\n2 weeks\n")
    result = project.dbt(
        "build", "--target", "spark", "--select", "path:seeds", "path:models/staging/seeds"
    )
    assert result.returncode != 0
    for fragment in (
        "seeds/tracked_models.csv: 3 problem(s)",
        "model_id org/alpha: params_b 'seven' is not a positive number",
        "model_id org/beta: release_date '2025-02-30' is not a real date",
        "model_id not-a-hub-id: model_id 'not-a-hub-id' is not a Hub id",
        "seeds/size_buckets.csv: 1 problem(s)",
        "size_bucket small: range '[0, 10)' overlaps size_bucket medium [5, 20)",
        "seeds/milestones.csv: 1 problem(s)",
        "milestone_days 2 weeks: milestone_days '2 weeks' is not a whole number",
    ):
        assert fragment in result.stdout, fragment
