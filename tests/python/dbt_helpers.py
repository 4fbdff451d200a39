"""Run the dbt project on a landing and a tracked list of the test's own.

The project is copied to a temporary folder so that a test can replace the
seeds without touching the working tree, and builds into its own DuckDB file
(and, with ``--target spark``, its own Spark warehouse and metastore).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from extract.synth import write_synth_landing

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests")
DBT = str(Path(sys.executable).with_name("dbt"))


@dataclass
class DbtProject:
    root: Path
    raw_root: Path
    duckdb_path: Path

    @classmethod
    def copy_to(cls, destination: Path) -> DbtProject:
        root = destination / "project"
        root.mkdir(parents=True)
        for part in PROJECT_PARTS:
            source = PROJECT_ROOT / part
            if source.is_dir():
                shutil.copytree(source, root / part, ignore=shutil.ignore_patterns("python"))
            else:
                shutil.copy(source, root / part)
        return cls(root, destination / "raw", destination / "ram.duckdb")

    def land_synth(
        self, n_models: int, n_days: int, end_date: dt.date, append_days: int = 0
    ) -> None:
        """A synthetic landing, and its tracked list as the project's seed."""
        tracked = self.root / "seeds" / "tracked_models.csv"
        write_synth_landing(
            self.raw_root, tracked, n_models, n_days, end_date, append_days=append_days
        )

    def write_seed(self, name: str, text: str) -> None:
        (self.root / "seeds" / f"{name}.csv").write_text(text)

    @property
    def spark_dir(self) -> Path:
        return self.duckdb_path.with_name("spark")

    def run(self, *command: str) -> subprocess.CompletedProcess[str]:
        """A command in the project folder, with the project's landing, files and profile."""
        env = os.environ | {
            "RAM_RAW_ROOT": str(self.raw_root),
            "RAM_DUCKDB_PATH": str(self.duckdb_path),
            "RAM_SPARK_DIR": str(self.spark_dir),
            "DBT_PROFILES_DIR": str(self.root),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }
        return subprocess.run(
            command, cwd=self.root, env=env, capture_output=True, text=True, check=False
        )

    def dbt(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run(DBT, *args, "--project-dir", str(self.root))

    def build(self, *args: str) -> subprocess.CompletedProcess[str]:
        result = self.dbt("build", *args)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
        return result

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.duckdb_path), read_only=True) as connection:
            return connection.execute(sql).fetchall()


def assert_same_as_full_refresh(project: DbtProject, columns_by_table: dict[str, str]) -> None:
    """Build the same project and landing from scratch into another file and
    compare the given columns of each table, row for row (floats to 1e-9)."""
    full = DbtProject(project.root, project.raw_root, project.duckdb_path.with_name("full.duckdb"))
    result = full.dbt("build", "--full-refresh")
    assert result.returncode == 0, result.stdout[-3000:]
    for table, columns in columns_by_table.items():
        sql = f"select {columns} from {table} order by all"
        incremental_rows, full_rows = project.query(sql), full.query(sql)
        assert len(incremental_rows) == len(full_rows), table
        for incremental_row, full_row in zip(incremental_rows, full_rows, strict=True):
            for incremental_value, full_value in zip(incremental_row, full_row, strict=True):
                if isinstance(full_value, float):
                    assert math.isclose(incremental_value, full_value, rel_tol=1e-9), table
                else:
                    assert incremental_value == full_value, (table, incremental_row, full_row)
