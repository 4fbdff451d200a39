"""The daily snapshot job: land the Hub's counters for every model of the tracked organisations.

One listing per organisation, then ``model_info`` only for tracked models the
listings missed. Every listed model lands, tracked or not, so a model added to
the tracked list later already has its history. The whole date is built in
memory and written as one file, so a failing Hub leaves the landing untouched.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from extract.hub_client import HubClient, HubError, HubModel, RetryPolicy
from extract.landing import to_table, write_partition_file
from extract.tracked import TrackedListError, TrackedModel, read_tracked_models

# Fixed, so a re-run of a date replaces its snapshot in one os.replace.
SNAPSHOT_FILE_NAME = "hub-snapshot.parquet"


@dataclass(frozen=True)
class MissingModel:
    """A tracked model the Hub does not have under its tracked name."""

    model_id: str
    renamed_to: str | None

    def describe(self) -> str:
        if self.renamed_to:
            return (
                f"tracked model {self.model_id} is now {self.renamed_to} on the Hub; "
                "landed under the new name, update the tracked list"
            )
        return (
            f"tracked model {self.model_id} is not on the Hub (deleted, renamed or private); "
            "skipped"
        )


@dataclass(frozen=True)
class SnapshotSummary:
    path: Path
    n_models: int
    missing: list[MissingModel]
    n_requests: int
    seconds: float


def take_snapshot(
    raw_root: Path,
    tracked_path: Path,
    snapshot_date: dt.date,
    *,
    progress: bool = False,
    policy: RetryPolicy | None = None,
) -> SnapshotSummary:
    started = time.monotonic()
    tracked = read_tracked_models(tracked_path)
    if not tracked:
        raise TrackedListError(f"{tracked_path}: the tracked list has no models")
    extracted_at = dt.datetime.now(dt.UTC)
    with (
        HubClient(policy) as hub,
        tqdm(desc="snapshot", unit=" models", disable=not progress, leave=False) as bar,
    ):
        models, missing = _fetch(hub, tracked, bar)
        n_requests = hub.requests
    if not models:
        authors = ", ".join(_authors(tracked))
        raise HubError(
            f"the Hub has no models for {authors}; check the tracked list and HF_ENDPOINT"
        )
    rows = [_row(model, extracted_at) for model in sorted(models.values(), key=_model_id)]
    path = write_partition_file(raw_root, snapshot_date, to_table(rows), SNAPSHOT_FILE_NAME)
    return SnapshotSummary(path, len(rows), missing, n_requests, time.monotonic() - started)


def _fetch(
    hub: HubClient, tracked: list[TrackedModel], bar: tqdm
) -> tuple[dict[str, HubModel], list[MissingModel]]:
    models: dict[str, HubModel] = {}
    for author in _authors(tracked):
        bar.set_postfix_str(author)
        for model in hub.list_author(author, on_model=bar.update):
            # A model can repeat when the listing shifts between pages; keep the first.
            models.setdefault(model.model_id, model)
    missing = []
    for tracked_model in tracked:
        if tracked_model.model_id in models:
            continue
        bar.set_postfix_str(tracked_model.model_id)
        model = hub.model(tracked_model.model_id)
        bar.update()
        if model is None:
            missing.append(MissingModel(tracked_model.model_id, None))
            continue
        # The Hub redirects a renamed model (or a differently cased name) to its new id.
        if model.model_id != tracked_model.model_id:
            missing.append(MissingModel(tracked_model.model_id, model.model_id))
        models.setdefault(model.model_id, model)
    return models, missing


def _authors(tracked: list[TrackedModel]) -> list[str]:
    return list(dict.fromkeys(model.author for model in tracked))


def _model_id(model: HubModel) -> str:
    return model.model_id


def _row(model: HubModel, extracted_at: dt.datetime) -> dict[str, object]:
    return {
        "model_id": model.model_id,
        "downloads_all_time": model.downloads_all_time,
        "downloads_30d": model.downloads_30d,
        "likes": model.likes,
        "created_at": model.created_at,
        "params_total": model.params_total,
        "pipeline_tag": model.pipeline_tag,
        "library_name": model.library_name,
        "extracted_at": extracted_at,
    }
