"""The daily reference curves equal a brute-force computation of the method.

fct_bucket_reference_curves gives only the pruned candidates a daily series
(int_reference_candidates_selected). Here every model's value on every day is
computed in plain Python from the landing, ranked and summarised, and the
mart must agree on every bucket and day. The landing is made to hit the
pruning's edge cases: curves that cross, a tracker outage longer than
ram_max_gap_days that the top models share (so the fallback for unverified
days runs), dips, duplicates, missing days, an observation before release,
a first observation after release day, and a model whose data stops.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from dbt_helpers import DbtProject

from extract.landing import to_table, write_partition_file

TOP_N = 3
MAX_GAP_DAYS = 7
CURVE_DAYS = 365
COHORT_RELEASE = dt.date(2025, 1, 1)
FIRST_DATE = dt.date(2024, 12, 20)
LAST_DATE = dt.date(2026, 1, 20)
# The tracker was down: 11 days without any snapshot.
OUTAGE = (dt.date(2025, 2, 10), dt.date(2025, 2, 20))


def _models() -> list[tuple[str, float, dt.date, float, float]]:
    """(model_id, params_b, release_date, scale, exponent)."""
    models = []
    # A cohort released together dominates 1-5B: the outage hits all its
    # anchors on the same days since release. Different growth rates make
    # its curves cross.
    for index in range(8):
        models.append(
            (f"cohort/m{index}", 2.0, COHORT_RELEASE, 900 - 60 * index, 1.1 + 0.04 * index)
        )
    # Far smaller 1-5B models released on other days: pruned, except on the
    # days the outage leaves the cohort without values, when they are the top.
    for index in range(8):
        release = COHORT_RELEASE + dt.timedelta(days=5 + 9 * index)
        models.append((f"other/m{index}", 3.0, release, 20 + 10 * index, 1.0 + 0.03 * index))
    # A small bucket: never pruned.
    for index in range(3):
        models.append((f"small/m{index}", 8.0, COHORT_RELEASE, 100 * (index + 1), 1.2))
    return models


def _land(project: DbtProject) -> None:
    rng = random.Random(4)
    models = _models()
    tracked = ["model_id,display_name,params_b,release_date"]
    tracked += [
        f"{model_id},{model_id},{params_b},{release}" for model_id, params_b, release, *_ in models
    ]
    project.write_seed("tracked_models", "\n".join(tracked) + "\n")
    created = dt.datetime(2024, 12, 1, tzinfo=dt.UTC)
    date = FIRST_DATE
    while date <= LAST_DATE:
        if not OUTAGE[0] <= date <= OUTAGE[1]:
            rows, duplicates = [], []
            for model_id, _params, release, scale, exponent in models:
                day = (date - release).days
                # other/m0 was landed before its release; other/m1 first on day 5;
                # other/m2's data stops at day 100.
                starts = -6 if model_id == "other/m0" else 5 if model_id == "other/m1" else 0
                if day < starts or (model_id == "other/m2" and day > 100):
                    continue
                if rng.random() < 0.03:
                    continue
                downloads = round(scale * max(day + 1, 1) ** exponent)
                if rng.random() < 0.02:
                    downloads = round(downloads * 0.6)
                rows.append(
                    {"model_id": model_id, "downloads_all_time": downloads, "created_at": created}
                )
                if rng.random() < 0.02:
                    duplicates.append(
                        {
                            "model_id": model_id,
                            "downloads_all_time": round(downloads * rng.choice((0.5, 1.05))),
                            "created_at": created,
                        }
                    )
            write_partition_file(project.raw_root, date, to_table(rows), "daily.parquet")
            if duplicates:
                write_partition_file(project.raw_root, date, to_table(duplicates), "extra.parquet")
        date += dt.timedelta(days=1)


def _value_on(days: list[int], cleaned: list[float], day: int) -> float | None:
    """The method: observed, else interpolated across at most MAX_GAP_DAYS, else None."""
    before = max((index for index, observed in enumerate(days) if observed <= day), default=None)
    if before is None:
        return None
    if days[before] == day:
        return float(cleaned[before])
    after = before + 1
    if after == len(days) or days[after] - days[before] > MAX_GAP_DAYS:
        return None
    fraction = (day - days[before]) / (days[after] - days[before])
    return cleaned[before] + (cleaned[after] - cleaned[before]) * fraction


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _brute_force(project: DbtProject) -> dict[tuple[str, int], tuple[int, float, float, float]]:
    models = {
        model_id: (bucket, release)
        for model_id, bucket, release in project.query(
            "select model_id, size_bucket, release_date from dim_models "
            "where size_bucket is not null and release_date is not null"
        )
    }
    observed: dict[str, dict[int, int]] = defaultdict(dict)
    for path in Path(project.raw_root).rglob("*.parquet"):
        snapshot_date = dt.date.fromisoformat(path.parent.name.removeprefix("snapshot_date="))
        for row in pq.read_table(path).to_pylist():
            if row["model_id"] not in models:
                continue
            day = (snapshot_date - models[row["model_id"]][1]).days
            series = observed[row["model_id"]]
            series[day] = max(series.get(day, 0), row["downloads_all_time"])
    values: dict[tuple[str, int], list[tuple[float, str]]] = defaultdict(list)
    for model_id, (bucket, _release) in models.items():
        series = dict(observed[model_id])
        if not any(day <= 0 for day in series):
            series[0] = 0
        days = sorted(series)
        cleaned = []
        for day in days:
            cleaned.append(max(series[day], cleaned[-1] if cleaned else series[day]))
        for day in range(CURVE_DAYS + 1):
            value = _value_on(days, cleaned, day)
            if value is not None:
                values[bucket, day].append((value, model_id))
    reference = {}
    for key, ranked in values.items():
        top = [value for value, _ in sorted(ranked, key=lambda item: (-item[0], item[1]))[:TOP_N]]
        reference[key] = (
            len(top),
            _percentile(top, 0.25),
            _percentile(top, 0.5),
            _percentile(top, 0.75),
        )
    return reference


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    project = DbtProject.copy_to(tmp_path_factory.mktemp("curves"))
    _land(project)
    result = project.dbt("build", "--vars", f"{{ram_top_n: {TOP_N}}}")
    assert result.returncode == 0, result.stdout[-4000:]
    return project


def test_curves_equal_the_brute_force_method_on_every_day(built: DbtProject) -> None:
    expected = _brute_force(built)
    actual = {
        (bucket, day): (n_models, p25, median, p75)
        for bucket, day, n_models, p25, median, p75 in built.query(
            "select size_bucket, day_since_release, n_models, p25_downloads, median_downloads, "
            "p75_downloads from fct_bucket_reference_curves"
        )
    }
    assert sorted(actual) == sorted(expected)
    for key, (n_models, *stats) in expected.items():
        assert actual[key][0] == n_models, key
        for got, want in zip(actual[key][1:], stats, strict=True):
            assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-6), (key, got, want)


def test_the_pruning_pruned_and_its_fallback_ran(built: DbtProject) -> None:
    reasons = dict(
        built.query(
            "select request_reason, count(*) from int_reference_candidates_selected group by 1"
        )
    )
    # The outage leaves the cohort's anchors without values on the same days:
    # every model of the bucket is requested on those days.
    assert reasons.get("unverified_day", 0) > 0
    [(n_pruned,)] = built.query(
        """
        with segments as (
            select distinct size_bucket, segment_start_day
            from int_reference_candidates_selected
        )
        select count(*)
        from segments
        inner join dim_models
            on segments.size_bucket = dim_models.size_bucket
        left join int_reference_candidates_selected as requests
            on
                requests.model_id = dim_models.model_id
                and requests.segment_start_day = segments.segment_start_day
        where requests.model_id is null
        """
    )
    assert n_pruned > 0
