"""Imported tracker history, through `ram-extract import-history` and `dbt build`."""

from __future__ import annotations

import datetime as dt

from dbt_helpers import DbtProject

from extract.cli import main

# Overrides: tracker CSVs carry no sizes or creation dates.
TRACKED = """model_id,display_name,params_b,release_date
org/early,Early,2,2025-03-01
org/late,Late,3,2025-03-01
"""


def _history_csv(path, rows: list[tuple[dt.date, str, int]]) -> None:
    lines = ["date,model_id,likes,downloads,downloads_all_time"]
    lines += [f"{day.isoformat()},{model_id},1,{count},{count}" for day, model_id, count in rows]
    path.write_text("\n".join(lines) + "\n")


def test_imported_history_gives_hand_computed_milestones(tmp_path) -> None:
    project = DbtProject.copy_to(tmp_path)
    project.write_seed("tracked_models", TRACKED)
    release = dt.date(2025, 3, 1)
    rows = []
    for day in range(0, 40):
        date = release + dt.timedelta(days=day)
        # early: 1,000 a day, with the tracker's missing days 13-15 and 30.
        if day not in (13, 14, 15, 30):
            rows.append((date, "org/early", 1000 * day))
        # late: 3,000 a day with a one-day dip on day 14.
        rows.append((date, "org/late", 100 if day == 14 else 3000 * day))
    first_file, second_file = tmp_path / "tracker-a.csv", tmp_path / "tracker-b.csv"
    _history_csv(first_file, rows[: len(rows) // 2])
    _history_csv(second_file, rows[len(rows) // 2 :])

    assert main(["import-history", "--raw-root", str(project.raw_root), str(first_file)]) == 0
    assert main(["import-history", "--raw-root", str(project.raw_root), str(second_file)]) == 0
    project.build()

    milestones = project.query(
        "select model_id, milestone_days, downloads, milestone_status "
        "from fct_milestone_downloads where milestone_days <= 30 order by model_id, milestone_days"
    )
    assert milestones == [
        ("org/early", 7, 7000.0, "observed"),
        # Missing 13-15: between day 12 (12,000) and day 16 (16,000).
        ("org/early", 14, 14000.0, "interpolated"),
        # Missing 30: between day 29 and day 31.
        ("org/early", 30, 30000.0, "interpolated"),
        ("org/late", 7, 21000.0, "observed"),
        # The dip on day 14 does not count: the running maximum is day 13's.
        ("org/late", 14, 39000.0, "observed"),
        ("org/late", 30, 90000.0, "observed"),
    ]
    [(median_14,)] = project.query(
        "select median_downloads from fct_bucket_reference where milestone_days = 14"
    )
    assert median_14 == (14000 + 39000) / 2
