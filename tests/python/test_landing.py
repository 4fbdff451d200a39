"""The landing writer every loader uses: where files go, and that readers never see half of one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from extract import landing
from extract.atomic import INCOMING_DIR

DATE = dt.date(2026, 5, 16)


def table(downloads_all_time: int):
    return landing.to_table([{"model_id": "acme/a", "downloads_all_time": downloads_all_time}])


def reader_files(raw_root: Path) -> list[str]:
    """What a reader of the dataset globs: Parquet files in the partitions."""
    return sorted(
        str(path.relative_to(raw_root))
        for path in (raw_root / landing.DATASET_DIR).glob("*/*.parquet")
    )


def temp_files(raw_root: Path) -> list[Path]:
    incoming = raw_root / INCOMING_DIR
    return list(incoming.iterdir()) if incoming.exists() else []


def test_raw_root_is_the_argument_else_the_environment_else_data_raw(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RAM_RAW_ROOT", "/from/env")
    assert landing.resolve_raw_root("/from/arg") == Path("/from/arg")
    assert landing.resolve_raw_root(None) == Path("/from/env")
    monkeypatch.delenv("RAM_RAW_ROOT")
    assert landing.resolve_raw_root(None) == Path("data/raw")


def test_writes_a_hive_partition_with_the_contract_schema(tmp_path: Path) -> None:
    path = landing.write_partition_file(tmp_path, DATE, table(5), "loader.parquet")

    assert path == tmp_path / "hf_model_snapshots" / "snapshot_date=2026-05-16" / "loader.parquet"
    written = pq.read_table(path)
    assert written.schema == landing.SNAPSHOT_SCHEMA
    assert written.column("likes").to_pylist() == [None]
    assert temp_files(tmp_path) == []


def test_same_name_replaces_other_names_stay(tmp_path: Path) -> None:
    landing.write_partition_file(tmp_path, DATE, table(1), "hub-snapshot.parquet")
    landing.write_partition_file(tmp_path, DATE, table(2), "history-abc.parquet")

    landing.write_partition_file(tmp_path, DATE, table(3), "hub-snapshot.parquet")

    directory = landing.partition_dir(tmp_path, DATE)
    assert sorted(p.name for p in directory.iterdir()) == [
        "history-abc.parquet",
        "hub-snapshot.parquet",
    ]
    assert pq.read_table(directory / "hub-snapshot.parquet").column(1).to_pylist() == [3]
    assert pq.read_table(directory / "history-abc.parquet").column(1).to_pylist() == [2]


@pytest.mark.parametrize("step", ["write", "move"])
def test_a_crash_leaves_readers_the_previous_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    landing.write_partition_file(tmp_path, DATE, table(1), "hub-snapshot.parquet")

    def crash_writing(data: object, where: Path, **kwargs: object) -> None:
        Path(where).write_bytes(b"PAR1 half a file")
        raise OSError(28, "No space left on device")

    def crash_moving(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    if step == "write":
        monkeypatch.setattr(landing.pq, "write_table", crash_writing)
    else:
        monkeypatch.setattr(landing.os, "replace", crash_moving)
    with pytest.raises(OSError, match="No space left"):
        landing.write_partition_file(tmp_path, DATE, table(2), "hub-snapshot.parquet")
    monkeypatch.undo()

    assert reader_files(tmp_path) == [
        "hf_model_snapshots/snapshot_date=2026-05-16/hub-snapshot.parquet"
    ]
    path = landing.partition_dir(tmp_path, DATE) / "hub-snapshot.parquet"
    assert pq.read_table(path).column(1).to_pylist() == [1]
    assert temp_files(tmp_path) == []


def test_landed_dates_counts_partitions_that_hold_parquet(tmp_path: Path) -> None:
    landing.write_partition_file(tmp_path, DATE, table(1), "a.parquet")
    landing.partition_dir(tmp_path, dt.date(2026, 5, 15)).mkdir(parents=True)
    (tmp_path / landing.DATASET_DIR / "not-a-partition").mkdir()

    assert landing.landed_dates(tmp_path) == [DATE]
    assert landing.landed_dates(tmp_path / "nowhere") == []
