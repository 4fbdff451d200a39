"""`ram-report export`: every mart as Parquet, readable while dbt builds.

DuckDB allows one writer, so BI tools read data/marts/<name>.parquet instead
of ram.duckdb. These tests check that the export holds every mart, that a
reader always finds complete files while another `dbt build` runs and
exports are being replaced, and that an export that cannot open the DuckDB
file says why in one line.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from dbt_helpers import DBT, DbtProject

from extract.export import MANIFEST_NAME, export_marts
from extract.landing import to_table, write_partition_file
from extract.report import main as ram_report

RELEASE = dt.date(2025, 1, 1)
TRACKED = """model_id,display_name,params_b,release_date
org/alpha,Alpha,2,2025-01-01
org/beta,Beta,3,2025-01-01
org/gamma,Gamma,8,2025-01-10
"""
MARTS = {
    "dim_models",
    "fct_milestone_downloads",
    "fct_bucket_reference",
    "fct_bucket_reference_curves",
    "fct_ram_scores",
    "fct_model_curves",
    "fct_model_tracking",
    "rpt_recent_model_performance",
    "rpt_tracked_models_qa",
    "rpt_untracked_candidates",
}


def _land(project: DbtProject, n_days: int) -> None:
    created = dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC)
    for day in range(n_days):
        rows = [
            {"model_id": "org/alpha", "downloads_all_time": 10 * day, "created_at": created},
            {"model_id": "org/beta", "downloads_all_time": 25 * day, "created_at": created},
            {"model_id": "org/gamma", "downloads_all_time": 7 * day, "created_at": created},
            {"model_id": "org/untracked", "downloads_all_time": 3 * day, "created_at": created},
        ]
        write_partition_file(
            project.raw_root, RELEASE + dt.timedelta(days=day), to_table(rows), "test.parquet"
        )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    project = DbtProject.copy_to(tmp_path_factory.mktemp("exports"))
    project.write_seed("tracked_models", TRACKED)
    _land(project, 40)
    project.build()
    return project


def _dbt_env(project: DbtProject) -> dict[str, str]:
    return os.environ | {
        "RAM_RAW_ROOT": str(project.raw_root),
        "RAM_DUCKDB_PATH": str(project.duckdb_path),
        "DBT_PROFILES_DIR": str(project.root),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


def _export(duckdb_path: Path, export_dir: Path) -> int:
    return ram_report(
        ["export", "--duckdb-path", str(duckdb_path), "--output-dir", str(export_dir)]
    )


def test_every_mart_is_exported_with_its_rows(built: DbtProject, tmp_path: Path) -> None:
    export_dir = tmp_path / "marts"
    export_dir.mkdir()
    (export_dir / "dropped_mart.parquet").write_bytes(b"stale")
    assert _export(built.duckdb_path, export_dir) == 0

    files = {path.stem for path in export_dir.glob("*.parquet")}
    assert files == MARTS
    manifest = json.loads((export_dir / MANIFEST_NAME).read_text())
    for name in MARTS:
        table = pq.read_table(export_dir / f"{name}.parquet")
        [(n_rows,)] = built.query(f"select count(*) from {name}")
        assert table.num_rows == n_rows == manifest["marts"][name]["rows"], name
        columns = [row[0] for row in built.query(f"describe {name}")]
        assert table.column_names == columns, name
    # Nothing half-written is left behind.
    assert list((export_dir / ".incoming").iterdir()) == []
    untracked = pq.read_table(export_dir / "rpt_untracked_candidates.parquet").to_pylist()
    assert [row["model_id"] for row in untracked] == ["org/untracked"]


def _read_all(export_dir: Path, expected_rows: dict[str, int]) -> None:
    for name, n_rows in expected_rows.items():
        path = export_dir / f"{name}.parquet"
        assert pq.read_table(path).num_rows == n_rows, name
        with duckdb.connect() as connection:
            [(count,)] = connection.execute(
                "select count(*) from read_parquet(?)", [str(path)]
            ).fetchall()
        assert count == n_rows, name


def test_exports_stay_readable_while_another_build_runs(built: DbtProject, tmp_path: Path) -> None:
    export_dir = tmp_path / "marts"
    assert _export(built.duckdb_path, export_dir) == 0
    manifest = json.loads((export_dir / MANIFEST_NAME).read_text())
    expected_rows = {name: entry["rows"] for name, entry in manifest["marts"].items()}

    # A copy of the built database keeps re-exporting into the same folder, so
    # files are being replaced while they are read; the build rewrites the
    # original database meanwhile.
    snapshot_db = tmp_path / "snapshot.duckdb"
    shutil.copy(built.duckdb_path, snapshot_db)
    build = subprocess.Popen(
        [DBT, "build", "--project-dir", str(built.root)],
        cwd=built.root,
        env=_dbt_env(built),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    stop = threading.Event()
    export_errors: list[BaseException] = []
    n_exports = 0

    def keep_exporting() -> None:
        nonlocal n_exports
        try:
            while not stop.is_set():
                with duckdb.connect(str(snapshot_db), read_only=True) as connection:
                    export_marts(connection, export_dir)
                n_exports += 1
        except BaseException as error:
            export_errors.append(error)

    exporter = threading.Thread(target=keep_exporting)
    exporter.start()
    n_reads = 0
    deadline = time.monotonic() + 300
    try:
        while build.poll() is None and time.monotonic() < deadline:
            _read_all(export_dir, expected_rows)
            n_reads += 1
    finally:
        stop.set()
        exporter.join()
        output = build.communicate()[0]
    assert build.returncode == 0, output[-3000:]
    assert export_errors == []
    assert n_reads >= 3 and n_exports >= 3, (n_reads, n_exports)
    _read_all(export_dir, expected_rows)


def test_export_while_the_database_is_being_written_says_why(
    built: DbtProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Another process holds the DuckDB file open for writing, as dbt build does.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True);"
            " time.sleep(60)",
            str(built.duckdb_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        assert _export(built.duckdb_path, tmp_path / "marts") == 1
    finally:
        holder.terminate()
        holder.wait()
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "open for writing by another process" in error
    assert not (tmp_path / "marts").exists()
