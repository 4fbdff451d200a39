"""The whole pipeline on small landings with values computed by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from dbt_helpers import DbtProject

from extract.landing import to_table, write_partition_file

RELEASE = dt.date(2025, 1, 1)
TRACKED = """model_id,display_name,params_b,release_date
org/alpha,Alpha,2,2025-01-01
org/beta,Beta,3,2025-01-01
org/gamma,Gamma,,
org/delta,Delta,,2025-01-01
"""


def _land(raw_root: Path, day: int, rows: list[tuple[str, int]]) -> None:
    created = dt.datetime(2025, 1, 1, 23, 30, tzinfo=dt.UTC)
    table = to_table(
        [
            {"model_id": model_id, "downloads_all_time": downloads, "created_at": created}
            for model_id, downloads in rows
        ]
    )
    write_partition_file(raw_root, RELEASE + dt.timedelta(days=day), table, "test.parquet")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    project = DbtProject.copy_to(tmp_path_factory.mktemp("e2e"))
    project.write_seed("tracked_models", TRACKED)
    # alpha: 10 per day, observed every day to day 20, except a one-day dip on
    # day 7 (the running maximum keeps day 6's 60) and no snapshot on day 14.
    # beta: 100 per day, seen only on days 3, 9 and 20.
    # gamma: no size anywhere; its release date comes from createdAt.
    # delta: no size either; never landed.
    for day in range(0, 21):
        rows = []
        if day != 14:
            rows.append(("org/alpha", 5 if day == 7 else 10 * day))
        if day in (3, 9, 20):
            rows.append(("org/beta", 100 * day))
        rows.append(("org/gamma", 1000 * day))
        rows.append(("org/untracked", 7))
        _land(project.raw_root, day, rows)
    # A second file for day 9 with a smaller duplicate of beta: the largest wins.
    write_partition_file(
        project.raw_root,
        RELEASE + dt.timedelta(days=9),
        to_table([{"model_id": "org/beta", "downloads_all_time": 1}]),
        "history-duplicate.parquet",
    )
    project.build()
    return project


def test_milestones_match_hand_computed_values(built: DbtProject) -> None:
    rows = built.query(
        "select model_id, milestone_days, downloads, milestone_status "
        "from fct_milestone_downloads where milestone_days in (7, 14, 30) "
        "order by model_id, milestone_days"
    )
    assert rows == [
        # Day 7 dipped to 5: the cleaned value is day 6's 60.
        ("org/alpha", 7, 60.0, "observed"),
        # Day 14 missing: halfway between day 13 (130) and day 15 (150).
        ("org/alpha", 14, 140.0, "interpolated"),
        ("org/alpha", 30, None, "not_reached"),
        # Between day 3 (300) and day 9 (900): 300 + 600 * 4 / 6.
        ("org/beta", 7, 700.0, "interpolated"),
        # Days 9 and 20 are 11 days apart, more than 7.
        ("org/beta", 14, None, "gap_too_wide"),
        ("org/beta", 30, None, "not_reached"),
        ("org/delta", 7, None, "not_reached"),
        ("org/delta", 14, None, "not_reached"),
        ("org/delta", 30, None, "not_reached"),
        # createdAt 2025-01-01 23:30 UTC: released on 2025-01-01.
        ("org/gamma", 7, 7000.0, "observed"),
        ("org/gamma", 14, 14000.0, "observed"),
        ("org/gamma", 30, None, "not_reached"),
    ]


def test_reference_and_scores(built: DbtProject) -> None:
    reference = built.query(
        "select size_bucket, milestone_days, n_models, median_downloads, p25_downloads, "
        "p75_downloads, mean_downloads from fct_bucket_reference order by milestone_days"
    )
    # Only alpha and beta have a size (both 1-5B); gamma and delta have none.
    assert reference == [
        ("1-5B", 7, 2, 380.0, 220.0, 540.0, 380.0),
        ("1-5B", 14, 1, 140.0, 140.0, 140.0, 140.0),
    ]
    scores = built.query(
        "select model_id, milestone_days, round(ram_score, 6) from fct_ram_scores "
        "order by model_id, milestone_days"
    )
    assert scores == [
        ("org/alpha", 7, round(60 / 380, 6)),
        ("org/alpha", 14, 1.0),
        ("org/beta", 7, round(700 / 380, 6)),
    ]


def test_dimension_and_qa_listing(built: DbtProject) -> None:
    models = built.query(
        "select model_id, size_bucket, release_date, downloads_all_time, last_snapshot_date "
        "from dim_models order by model_id"
    )
    assert models == [
        ("org/alpha", "1-5B", RELEASE, 200, dt.date(2025, 1, 21)),
        ("org/beta", "1-5B", RELEASE, 2000, dt.date(2025, 1, 21)),
        ("org/delta", None, RELEASE, None, None),
        ("org/gamma", None, RELEASE, 20000, dt.date(2025, 1, 21)),
    ]
    problems = built.query("select model_id, problem from rpt_tracked_models_qa order by 1, 2")
    assert problems == [
        ("org/delta", "never_landed"),
        ("org/delta", "unknown_size"),
        ("org/gamma", "unknown_size"),
    ]


def test_recent_report_lists_recent_models(built: DbtProject) -> None:
    rows = built.query(
        "select model_id, ram_score_7d, downloads_14d, data_date "
        "from rpt_recent_model_performance order by model_id"
    )
    assert [row[0] for row in rows] == ["org/alpha", "org/beta", "org/delta", "org/gamma"]
    assert rows[0][1] == pytest.approx(60 / 380)
    assert rows[0][2] == 140.0
    assert rows[0][3] == dt.date(2025, 1, 21)
