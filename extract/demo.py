"""The SYNTHETIC demo landing: daily counters for the tracked list, calibrated
so that the pipeline re-enacts the ATOM Project's article (Interconnects,
January 2026) on its data date, 2026-01-11.

Every model follows a cumulative-downloads curve through anchor values at the
milestones. The article's featured models get its published downloads; every
other tracked model gets its size bucket's reference curve (the medians the
article's scores imply) times a factor, dense around 1 so that the top-10
median lands on the reference whichever featured models join the top 10.
On top come the Hub's quirks: missing days, and one-day dips of the counter.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import math
from dataclasses import dataclass
from pathlib import Path

from extract.landing import to_table, write_partition_file
from extract.tracked import TrackedModel, read_tracked_models

DEMO_END_DATE = dt.date(2026, 1, 11)
DEMO_DAYS = 731
DEMO_FILE_NAME = "demo-synthetic.parquet"
# Written beside the landing so reports can say the data is synthetic.
SYNTHETIC_MARKER = "SYNTHETIC_DEMO"

ANCHOR_DAYS = (7, 14, 30, 60, 90, 180, 365)

# Median cumulative downloads of a bucket's top 10 at each anchor day, as
# implied by the article's downloads and scores (downloads / score).
BUCKET_REFERENCE: dict[str, tuple[float, ...]] = {
    "<1B": (20e3, 50e3, 150e3, 400e3, 700e3, 1.5e6, 3e6),
    "1-5B": (10e3, 68e3, 570e3, 1.82e6, 2.6e6, 5e6, 9e6),
    "7-9B": (92e3, 280e3, 654e3, 1.52e6, 2.2e6, 4e6, 7e6),
    "10-50B": (20e3, 150e3, 400e3, 800e3, 1.1e6, 2e6, 3.5e6),
    "50-100B": (15e3, 60e3, 200e3, 450e3, 650e3, 1.1e6, 1.8e6),
    "100-250B": (9.3e3, 50e3, 150e3, 258e3, 262e3, 450e3, 800e3),
    "250B+": (30e3, 100e3, 208e3, 720e3, 900e3, 1.5e6, 2.5e6),
}
BUCKET_BOUNDS = (
    ("<1B", 0, 1),
    ("1-5B", 1, 5),
    ("7-9B", 5, 10),
    ("10-50B", 10, 50),
    ("50-100B", 50, 100),
    ("100-250B", 100, 250),
    ("250B+", 250, math.inf),
)

# The article's published downloads for its featured models, by anchor day.
FEATURED_DOWNLOADS: dict[str, dict[int, float]] = {
    "openai/gpt-oss-120b": {7: 0.4e6, 14: 0.8e6, 30: 2.7e6, 60: 6.5e6, 90: 10e6},
    "MiniMaxAI/MiniMax-M2.1": {7: 93e3, 14: 195e3},
    "nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16": {7: 62e3, 14: 210e3},
    "moonshotai/Kimi-K2-Thinking": {7: 90e3, 14: 160e3, 30: 380e3, 60: 720e3},
    "deepseek-ai/DeepSeek-OCR": {7: 300e3, 14: 1.3e6, 30: 4.3e6, 60: 9.3e6},
    "allenai/olmOCR-2-7B-1025-FP8": {7: 11e3, 14: 70e3, 30: 157e3, 60: 1.6e6},
    "zai-org/GLM-4.7": {7: 28e3, 14: 32e3},
    "deepseek-ai/DeepSeek-V3.2": {7: 26e3, 14: 61e3, 30: 110e3},
    # The 1-5B bucket's outlier: 50.5M at 30 days lifts its mean to ~5.5M.
    "Qwen/Qwen2.5-1.5B-Instruct": {30: 50.5e6},
}

# Background factors, best first: dense around 1 at the top so the top-10
# median stays on the reference when featured models push in above it.
BACKGROUND_FACTORS = (1.35, 1.22, 1.12, 1.05, 1.0, 0.96, 0.9, 0.82, 0.7, 0.55, 0.42, 0.3)
# The rest stay below the dense top, so they cannot move the top-10 median.
TAIL_FACTOR_RANGE = (0.12, 0.5)
# Growth per year after the last anchor.
LATE_GROWTH_PER_YEAR = 0.35
MISSING_DAY_RATE = 0.015
MISSING_MODEL_DAY_RATE = 0.004
DIP_RATE = 0.006
DIP_DEPTH = 0.34


@dataclass(frozen=True)
class DemoSummary:
    n_models: int
    n_dates: int
    n_rows: int


def _unit(*parts: object) -> float:
    """A deterministic pseudo-random number in [0, 1) from its inputs."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def size_bucket(params_b: float) -> str:
    return next(name for name, low, high in BUCKET_BOUNDS if low <= params_b < high)


@dataclass(frozen=True)
class DownloadCurve:
    """Cumulative downloads by day since release, through anchor points."""

    days: tuple[int, ...]
    values: tuple[float, ...]

    def at(self, day: int) -> float:
        if day <= 0:
            return 0.0
        if day >= self.days[-1]:
            years = (day - self.days[-1]) / 365
            return self.values[-1] * (1 + LATE_GROWTH_PER_YEAR * years)
        index = bisect.bisect_right(self.days, day)
        day_low, day_high = self.days[index - 1], self.days[index]
        value_low, value_high = self.values[index - 1], self.values[index]
        fraction = (day - day_low) / (day_high - day_low)
        if value_low <= 0:
            return value_high * fraction
        # Log-linear between anchors: growth slows smoothly.
        return value_low * (value_high / value_low) ** fraction


def featured_curve(bucket: str, anchors: dict[int, float]) -> DownloadCurve:
    """The article's values where published; elsewhere the bucket's shape."""
    reference = dict(zip(ANCHOR_DAYS, BUCKET_REFERENCE[bucket], strict=True))
    known = sorted(anchors)
    values = []
    for day in ANCHOR_DAYS:
        if day in anchors:
            values.append(anchors[day])
            continue
        nearest = min(known, key=lambda known_day: abs(known_day - day))
        values.append(anchors[nearest] * reference[day] / reference[nearest])
    for index in range(1, len(values)):
        values[index] = max(values[index], values[index - 1] * 1.02)
    return DownloadCurve((0, *ANCHOR_DAYS), (0.0, *values))


def background_curves(
    models: list[TrackedModel], window_start: dt.date
) -> dict[str, DownloadCurve]:
    """Reference-times-factor curves for the models the article does not feature.

    The dense factors go to the models released earliest in the window, which
    reach the most milestones; models released before the window, whose early
    days were never observed, get the tail.
    """
    curves = {}
    by_bucket: dict[str, list[TrackedModel]] = {}
    for model in models:
        by_bucket.setdefault(size_bucket(model.params_b or 0), []).append(model)
    for bucket, bucket_models in by_bucket.items():
        ordered = sorted(
            bucket_models,
            key=lambda model: (model.release_date < window_start, model.release_date),
        )
        for rank, model in enumerate(ordered):
            if rank < len(BACKGROUND_FACTORS):
                factor = BACKGROUND_FACTORS[rank]
            else:
                low, high = TAIL_FACTOR_RANGE
                factor = low + (high - low) * _unit("tail", model.model_id)
            # A little shape of its own per model, without reordering the top.
            values = tuple(
                reference * factor * (1 + 0.03 * (_unit(model.model_id, day) - 0.5))
                for day, reference in zip(ANCHOR_DAYS, BUCKET_REFERENCE[bucket], strict=True)
            )
            monotone = [values[0]]
            for value in values[1:]:
                monotone.append(max(value, monotone[-1] * 1.01))
            curves[model.model_id] = DownloadCurve((0, *ANCHOR_DAYS), (0.0, *monotone))
    return curves


def demo_curves(models: list[TrackedModel], window_start: dt.date) -> dict[str, DownloadCurve]:
    featured = {
        model.model_id: featured_curve(
            size_bucket(model.params_b or 0), FEATURED_DOWNLOADS[model.model_id]
        )
        for model in models
        if model.model_id in FEATURED_DOWNLOADS
    }
    background = [model for model in models if model.model_id not in FEATURED_DOWNLOADS]
    return featured | background_curves(background, window_start)


def _pipeline_tag(model_id: str) -> str:
    lowered = model_id.lower()
    if "ocr" in lowered or "-vl" in lowered or "vision" in lowered:
        return "image-text-to-text"
    return "text-generation"


def write_demo_landing(
    raw_root: Path, tracked_path: Path, end_date: dt.date = DEMO_END_DATE
) -> DemoSummary:
    """Write one Parquet file per snapshot date for the tracked list (SYNTHETIC)."""
    models = [
        model
        for model in read_tracked_models(tracked_path)
        if model.params_b is not None and model.release_date is not None
    ]
    window_start = end_date - dt.timedelta(days=DEMO_DAYS - 1)
    curves = demo_curves(models, window_start)
    n_dates = n_rows = 0
    for offset in range(DEMO_DAYS):
        snapshot_date = window_start + dt.timedelta(days=offset)
        # The tracker missed some days entirely; never the data date itself.
        if snapshot_date != end_date and _unit("missing-day", snapshot_date) < MISSING_DAY_RATE:
            continue
        rows = [
            row
            for model in models
            if (row := _snapshot_row(model, curves[model.model_id], snapshot_date)) is not None
        ]
        write_partition_file(raw_root, snapshot_date, to_table(rows), DEMO_FILE_NAME)
        n_dates += 1
        n_rows += len(rows)
    (raw_root / SYNTHETIC_MARKER).write_text(
        "The landing in this folder is synthetic demo data written by `ram-extract demo`.\n"
    )
    return DemoSummary(n_models=len(models), n_dates=n_dates, n_rows=n_rows)


def _snapshot_row(
    model: TrackedModel, curve: DownloadCurve, snapshot_date: dt.date
) -> dict[str, object] | None:
    assert model.release_date is not None and model.params_b is not None
    age = (snapshot_date - model.release_date).days
    if age < 0 or _unit("missing", model.model_id, snapshot_date) < MISSING_MODEL_DAY_RATE:
        return None
    downloads = curve.at(age)
    if _unit("dip", model.model_id, snapshot_date) < DIP_RATE:
        downloads *= 1 - DIP_DEPTH
    created_at = dt.datetime.combine(model.release_date, dt.time(14, 0), tzinfo=dt.UTC)
    return {
        "model_id": model.model_id,
        "downloads_all_time": round(downloads),
        "downloads_30d": round(downloads - curve.at(age - 30)),
        "likes": round(math.sqrt(curve.at(age)) / 3),
        "created_at": created_at,
        "params_total": round(model.params_b * 1e9),
        "pipeline_tag": _pipeline_tag(model.model_id),
        "library_name": "transformers",
        "extracted_at": dt.datetime.combine(snapshot_date, dt.time(0, 20), tzinfo=dt.UTC),
    }
