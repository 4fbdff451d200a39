"""Export every mart to Parquet for BI tools: ``data/marts/<name>.parquet``.

DuckDB allows one writing process, and a BI tool that holds ``ram.duckdb``
open blocks ``dbt build`` (and a build blocks the tool). BI tools read these
files instead. Each file is written to ``<export dir>/.incoming/`` first and
moved into place with one ``os.replace``, so a reader sees the previous
complete file or the new complete file, never half of one.

On a Spark target (``ram-report export --target spark``) the engine writes
every mart as a folder of Parquet files first (the project's
``write_marts_as_parquet`` operation, through the same dbt profile), and the
same writer turns those folders into the same files: BI tools see one layout
whichever engine built the marts.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from extract.atomic import INCOMING_DIR, replacing

DEFAULT_EXPORT_DIR = Path("data/marts")
MANIFEST_NAME = "_manifest.json"
# The marts are the models named like this (see models/marts/).
MART_PREFIXES = ("dim_", "fct_", "rpt_")


class ExportError(Exception):
    """The marts could not be exported; reported as one line."""


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


def export_mart(connection: duckdb.DuckDBPyConnection, name: str, export_dir: Path) -> ExportedMart:
    """Write one mart to ``<export_dir>/<name>.parquet``, replacing any previous file atomically."""
    target = export_dir / f"{name}.parquet"
    with replacing(target, export_dir) as tmp_path:
        quoted_path = str(tmp_path).replace("'", "''")
        connection.execute(
            f"copy (select * from \"{name}\") to '{quoted_path}' (format parquet, compression zstd)"
        )
        # The row count is in the Parquet footer: no second pass over the mart.
        [(n_rows,)] = connection.execute(
            f"select count(*) from read_parquet('{quoted_path}')"
        ).fetchall()
    return ExportedMart(name, target, n_rows)


def _write_manifest(export_dir: Path, exported: list[ExportedMart]) -> Path:
    manifest = {
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "marts": {mart.name: {"file": mart.path.name, "rows": mart.n_rows} for mart in exported},
    }
    target = export_dir / MANIFEST_NAME
    with replacing(target, export_dir) as tmp_path:
        tmp_path.write_text(json.dumps(manifest, indent=2) + "\n")
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


def _dbt_executable() -> str:
    beside_python = Path(sys.executable).with_name("dbt")
    return str(beside_python) if beside_python.exists() else shutil.which("dbt") or "dbt"


def write_spark_marts(folders_dir: Path, target: str) -> None:
    """Have the Spark target write every mart as ``<folders_dir>/<mart>/*.parquet``.

    Runs ``dbt run-operation write_marts_as_parquet`` in the working directory
    (the dbt project), so the target's own session, warehouse and metastore
    are used. The folder must be one the engine writes to and this machine
    reads: a local session, or a cluster with a shared file system.
    """
    command = [
        _dbt_executable(),
        "run-operation",
        "write_marts_as_parquet",
        "--target",
        target,
        "--args",
        json.dumps({"directory": str(folders_dir.resolve())}),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        lines = [line for line in result.stdout.splitlines() if line.strip()]
        detail = lines[-1].strip() if lines else result.stderr.strip()[-300:]
        raise ExportError(f"dbt run-operation write_marts_as_parquet --target {target}: {detail}")


def export_marts_from_folders(folders_dir: Path, export_dir: Path) -> list[ExportedMart]:
    """Export the marts written as ``<folders_dir>/<mart>/*.parquet``."""
    with duckdb.connect() as connection:
        for folder in sorted(path for path in folders_dir.iterdir() if path.is_dir()):
            files = str(folder / "*.parquet").replace("'", "''")
            connection.execute(
                f"create view \"{folder.name}\" as select * from read_parquet('{files}')"
            )
        return export_marts(connection, export_dir)


def export_spark_marts(export_dir: Path, target: str) -> list[ExportedMart]:
    """Export every mart of a Spark target to ``<export_dir>/<name>.parquet``."""
    export_dir.mkdir(parents=True, exist_ok=True)
    folders_dir = export_dir / INCOMING_DIR / f"{target}-{uuid.uuid4().hex}"
    try:
        write_spark_marts(folders_dir, target)
        if not folders_dir.is_dir():
            raise ExportError(
                f"the {target} target wrote no marts; run `dbt build --target {target}`"
            )
        return export_marts_from_folders(folders_dir, export_dir)
    finally:
        shutil.rmtree(folders_dir, ignore_errors=True)
