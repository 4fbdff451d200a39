"""The landing contract and its writer.

Files live at ``<raw_root>/hf_model_snapshots/snapshot_date=YYYY-MM-DD/*.parquet``.
Every file is written to ``<raw_root>/.incoming/`` first and moved into its
partition with one ``os.replace`` (``extract.atomic``), so readers never see
half a file.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from extract.atomic import replacing

DATASET_DIR = "hf_model_snapshots"
DEFAULT_RAW_ROOT = "data/raw"

SNAPSHOT_SCHEMA = pa.schema(
    [
        pa.field("model_id", pa.string(), nullable=False),
        pa.field("downloads_all_time", pa.int64(), nullable=False),
        pa.field("downloads_30d", pa.int64()),
        pa.field("likes", pa.int64()),
        pa.field("created_at", pa.timestamp("us", tz="UTC")),
        pa.field("params_total", pa.int64()),
        pa.field("pipeline_tag", pa.string()),
        pa.field("library_name", pa.string()),
        pa.field("extracted_at", pa.timestamp("us", tz="UTC")),
    ]
)


def resolve_raw_root(raw_root: str | os.PathLike[str] | None) -> Path:
    """The landing root: the argument, else ``RAM_RAW_ROOT``, else ``data/raw``."""
    return Path(raw_root or os.environ.get("RAM_RAW_ROOT") or DEFAULT_RAW_ROOT)


def partition_dir(raw_root: Path, snapshot_date: dt.date) -> Path:
    return raw_root / DATASET_DIR / f"snapshot_date={snapshot_date.isoformat()}"


def to_table(rows: list[dict[str, object]]) -> pa.Table:
    """Rows as dicts keyed by the contract's column names; missing keys become nulls."""
    columns = {
        field.name: pa.array([row.get(field.name) for row in rows], type=field.type)
        for field in SNAPSHOT_SCHEMA
    }
    return pa.Table.from_pydict(columns, schema=SNAPSHOT_SCHEMA)


def write_partition_file(
    raw_root: Path, snapshot_date: dt.date, table: pa.Table, file_name: str
) -> Path:
    """Write ``table`` as ``file_name`` in the date's partition, atomically.

    An existing file of the same name is replaced in the same step, which is
    what makes re-running a snapshot date idempotent.
    """
    table = table.cast(SNAPSHOT_SCHEMA)
    target = partition_dir(raw_root, snapshot_date) / file_name
    with replacing(target, raw_root) as tmp_path:
        pq.write_table(table, tmp_path, compression="zstd")
    return target


def landed_dates(raw_root: Path) -> list[dt.date]:
    """Snapshot dates that hold at least one Parquet file."""
    root = raw_root / DATASET_DIR
    if not root.is_dir():
        return []
    dates = []
    for child in root.iterdir():
        prefix = "snapshot_date="
        if child.is_dir() and child.name.startswith(prefix) and any(child.glob("*.parquet")):
            dates.append(dt.date.fromisoformat(child.name.removeprefix(prefix)))
    return sorted(dates)
