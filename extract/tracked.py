"""Reading the analysts' tracked-model list (``seeds/tracked_models.csv``)."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

DEFAULT_TRACKED_PATH = Path("seeds/tracked_models.csv")
TRACKED_COLUMNS = ["model_id", "display_name", "params_b", "release_date"]


class TrackedListError(ValueError):
    """The tracked list cannot be read; the message names the file and row."""


@dataclass(frozen=True)
class TrackedModel:
    model_id: str
    display_name: str
    params_b: float | None
    release_date: dt.date | None

    @property
    def author(self) -> str:
        return self.model_id.split("/", 1)[0]


def read_tracked_models(path: Path = DEFAULT_TRACKED_PATH) -> list[TrackedModel]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != TRACKED_COLUMNS:
                raise TrackedListError(
                    f"{path}: header must be {','.join(TRACKED_COLUMNS)}, "
                    f"found {','.join(reader.fieldnames or [])}"
                )
            return [
                _parse_row(path, line_number, row)
                for line_number, row in enumerate(reader, start=2)
            ]
    except OSError as error:
        raise TrackedListError(
            f"{path}: cannot read the tracked list ({error.strerror})"
        ) from error


def _parse_row(path: Path, line_number: int, row: dict[str, str]) -> TrackedModel:
    model_id = (row["model_id"] or "").strip()
    if "/" not in model_id:
        raise TrackedListError(
            f"{path} line {line_number}: model_id {model_id!r} is not owner/name"
        )
    params_text = (row["params_b"] or "").strip()
    date_text = (row["release_date"] or "").strip()
    try:
        params_b = float(params_text) if params_text else None
    except ValueError:
        raise TrackedListError(
            f"{path} line {line_number} ({model_id}): params_b {params_text!r} is not a number"
        ) from None
    try:
        release_date = dt.date.fromisoformat(date_text) if date_text else None
    except ValueError:
        raise TrackedListError(
            f"{path} line {line_number} ({model_id}): release_date {date_text!r} "
            "is not a date (YYYY-MM-DD)"
        ) from None
    return TrackedModel(model_id, (row["display_name"] or model_id).strip(), params_b, release_date)
