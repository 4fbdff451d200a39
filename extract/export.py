"""Export every mart to Parquet for BI tools: ``data/marts/<name>.parquet``.

DuckDB allows one writing process, and a BI tool that holds ``ram.duckdb``
open blocks ``dbt build`` (and a build blocks the tool). BI tools read these
files instead. Each file is written to ``<export dir>/.incoming/`` first and
moved into place with one ``os.replace``, so a reader sees the previous
complete file or the new complete file, never half of one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

DEFAULT_EXPORT_DIR = Path("data/marts")
INCOMING_DIR = ".incoming"
MANIFEST_NAME = "_manifest.json"
# The marts are the models named like this (see models/marts/).
MART_PREFIXES = ("dim_", "fct_", "rpt_")


@dataclass(frozen=True)
class ExportedMart:
    name: str
    path: Path
    n_rows: int


def list_marts(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """The marts (tables and views) in the connection's current schema."""
    rows = connection.execute(
        "select table_name from information_schema.tables "
        "where table_schema = current_schema() and table_catalog = current_database() "
        "order by table_name"
    ).fetchall()
    return [name for (name,) in rows if name.startswith(MART_PREFIXES)]


@contextmanager
def _incoming_file(export_dir: Path, suffix: str) -> Iterator[Path]:
    """A temporary path on the export directory's file system, removed unless moved away."""
    incoming = export_dir / INCOMING_DIR
    incoming.mkdir(parents=True, exist_ok=True)
    path = incoming / f"{uuid.uuid4().hex}{suffix}.tmp"
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def export_mart(connection: duckdb.DuckDBPyConnection, name: str, export_dir: Path) -> ExportedMart:
    """Write one mart to ``<export_dir>/<name>.parquet``, replacing any previous file atomically."""
    target = export_dir / f"{name}.parquet"
    with _incoming_file(export_dir, ".parquet") as tmp_path:
        quoted_path = str(tmp_path).replace("'", "''")
        connection.execute(
            f"copy (select * from \"{name}\") to '{quoted_path}' (format parquet, compression zstd)"
        )
        # The row count is in the Parquet footer: no second pass over the mart.
        [(n_rows,)] = connection.execute(
            f"select count(*) from read_parquet('{quoted_path}')"
        ).fetchall()
        _fsync(tmp_path)
        os.replace(tmp_path, target)
    return ExportedMart(name, target, n_rows)


def _write_manifest(export_dir: Path, exported: list[ExportedMart]) -> Path:
    manifest = {
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "marts": {mart.name: {"file": mart.path.name, "rows": mart.n_rows} for mart in exported},
    }
    target = export_dir / MANIFEST_NAME
    with _incoming_file(export_dir, ".json") as tmp_path:
        tmp_path.write_text(json.dumps(manifest, indent=2) + "\n")
        _fsync(tmp_path)
        os.replace(tmp_path, target)
    return target


def export_marts(connection: duckdb.DuckDBPyConnection, export_dir: Path) -> list[ExportedMart]:
    """Export every mart, then remove exports of marts that no longer exist."""
    export_dir.mkdir(parents=True, exist_ok=True)
    names = list_marts(connection)
    exported = [export_mart(connection, name, export_dir) for name in names]
    for stale in export_dir.glob("*.parquet"):
        if stale.stem not in names:
            stale.unlink(missing_ok=True)
    _write_manifest(export_dir, exported)
    return exported
