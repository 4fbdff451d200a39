"""A large SYNTHETIC landing for benchmarks: N models x D days, vectorised.

Curves grow fast after release and flatten (a saturating exponential plus a
slow linear tail), sizes spread log-uniformly across all buckets, releases
spread over the window (a fifth before it), with the Hub's quirks: missing
days and one-day dips. Also writes the matching tracked list, with blank
overrides so sizes and release dates come from the landed Hub fields.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from extract.landing import SNAPSHOT_SCHEMA, write_partition_file

SYNTH_FILE_NAME = "synth.parquet"
MISSING_DAY_RATE = 0.01
DIP_RATE = 0.002


@dataclass(frozen=True)
class SynthModels:
    model_ids: np.ndarray
    params_total: np.ndarray
    release_days: np.ndarray  # days since the window's first date; negative = before it
    scale: np.ndarray
    tau: np.ndarray
    tail_per_day: np.ndarray


@dataclass(frozen=True)
class SynthSummary:
    n_models: int
    n_dates: int
    n_rows: int


def make_models(n_models: int, n_days: int, seed: int) -> SynthModels:
    rng = np.random.default_rng(seed)
    params_b = np.exp(rng.uniform(np.log(0.1), np.log(1500), n_models))
    # Smaller models are downloaded more; a heavy tail of hits.
    scale = np.exp(rng.normal(np.log(2e5), 1.6, n_models)) * (10 / (params_b + 1)) ** 0.5
    return SynthModels(
        model_ids=np.array([f"synth-org-{i % 500:03d}/model-{i:06d}" for i in range(n_models)]),
        params_total=np.round(params_b * 1e9).astype(np.int64),
        release_days=rng.integers(-n_days // 4, n_days, n_models),
        scale=scale,
        tau=rng.uniform(10, 120, n_models),
        tail_per_day=scale * rng.uniform(0.0002, 0.003, n_models),
    )


def cumulative_downloads(models: SynthModels, day: int) -> np.ndarray:
    age = np.maximum(day - models.release_days, 0)
    return models.scale * (1 - np.exp(-age / models.tau)) + models.tail_per_day * age


def write_tracked_list(models: SynthModels, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["model_id", "display_name", "params_b", "release_date"])
        for model_id in models.model_ids:
            writer.writerow([model_id, model_id.split("/")[1], "", ""])


def write_synth_landing(
    raw_root: Path,
    tracked_path: Path,
    n_models: int,
    n_days: int,
    end_date: dt.date,
    seed: int = 20260111,
    append_days: int = 0,
) -> SynthSummary:
    """Write ``n_days`` snapshot dates ending on ``end_date``.

    With ``append_days``, write only the ``append_days`` dates after
    ``end_date`` instead, continuing the same models and values: the
    benchmark's "one more day".
    """
    models = make_models(n_models, n_days, seed)
    write_tracked_list(models, tracked_path)
    window_start = end_date - dt.timedelta(days=n_days - 1)
    first_written_day = n_days if append_days else 0
    created_at = pa.array(
        [
            dt.datetime.combine(window_start + dt.timedelta(days=int(day)), dt.time(12), dt.UTC)
            for day in models.release_days
        ],
        type=pa.timestamp("us", tz="UTC"),
    )
    model_ids = pa.array(models.model_ids, type=pa.string())
    params_total = pa.array(models.params_total, type=pa.int64())
    constant_columns = {
        "pipeline_tag": pa.array(["text-generation"] * n_models),
        "library_name": pa.array(["transformers"] * n_models),
    }
    # Draws happen for every day, written or not, so appending continues the
    # same random sequence.
    rng = np.random.default_rng(seed + 1)
    n_dates = n_rows = 0
    for day in range(n_days + append_days):
        is_missing = rng.random() < MISSING_DAY_RATE
        dips = rng.random(n_models) < DIP_RATE
        is_last = day == n_days + append_days - 1
        if day < first_written_day or (is_missing and not is_last):
            continue
        snapshot_date = window_start + dt.timedelta(days=day)
        downloads = cumulative_downloads(models, day)
        downloads_30d = downloads - cumulative_downloads(models, day - 30)
        downloads = np.where(dips, downloads * 0.6, downloads)
        extracted_at = dt.datetime.combine(snapshot_date, dt.time(0, 20), dt.UTC)
        table = pa.table(
            {
                "model_id": model_ids,
                "downloads_all_time": pa.array(np.round(downloads).astype(np.int64)),
                "downloads_30d": pa.array(np.round(downloads_30d).astype(np.int64)),
                "likes": pa.array(np.round(np.sqrt(downloads) / 10).astype(np.int64)),
                "created_at": created_at,
                "params_total": params_total,
                **constant_columns,
                "extracted_at": pa.array(
                    [extracted_at] * n_models, type=pa.timestamp("us", tz="UTC")
                ),
            },
            schema=SNAPSHOT_SCHEMA,
        ).filter(pa.array(models.release_days <= day))
        write_partition_file(raw_root, snapshot_date, table, SYNTH_FILE_NAME)
        n_dates += 1
        n_rows += table.num_rows
    return SynthSummary(n_models=n_models, n_dates=n_dates, n_rows=n_rows)
