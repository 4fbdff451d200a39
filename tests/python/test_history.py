"""``ram-extract import-history``: tracker CSVs into the landing, all or nothing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from extract import cli, landing
from extract.history import HistoryFormatError, import_history, read_history_file

TRACKER_CSV = (
    "date,model_id,likes,downloads,downloads_all_time\n"
    "2025-03-03,ibm-granite/granite-3.2-8b-instruct,27,3830,3830\n"
    "2025-03-03,ibm-granite/granite-vision-3.2-2b,30,2004,2004\n"
    "2025-03-04,ibm-granite/granite-3.2-8b-instruct,28,5100,5100\n"
    "2025-03-06,ibm-granite/granite-3.2-8b-instruct,28,7000,7000\n"
)


@pytest.fixture
def raw_root(tmp_path: Path) -> Path:
    return tmp_path / "raw"


def write_csv(tmp_path: Path, text: str, name: str = "history.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path


def landed(raw_root: Path) -> dict[tuple[str, str], dict[str, object]]:
    """(partition, model_id) -> row, over every file in the landing."""
    rows = {}
    for path in sorted((raw_root / landing.DATASET_DIR).glob("*/*.parquet")):
        table = pq.read_table(path)
        assert table.schema == landing.SNAPSHOT_SCHEMA
        for row in table.to_pylist():
            rows[(path.parent.name, row["model_id"])] = row
    return rows


def files_under(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under ``root`` with its modification time and content."""
    return {
        str(path.relative_to(root)): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_round_trip_lands_one_file_per_date_with_nulls_for_what_the_csv_lacks(
    tmp_path: Path, raw_root: Path
) -> None:
    path = write_csv(tmp_path, TRACKER_CSV)

    summary = import_history(raw_root, [path])

    assert (summary.n_files, summary.n_rows, summary.n_dates) == (1, 4, 3)
    assert (summary.n_written, summary.n_already_there) == (3, 0)
    assert landing.landed_dates(raw_root) == [
        dt.date(2025, 3, 3),
        dt.date(2025, 3, 4),
        dt.date(2025, 3, 6),
    ]
    name = read_history_file(path).file_name
    assert name.startswith("history-") and name.endswith(".parquet")
    for date in landing.landed_dates(raw_root):
        assert [p.name for p in landing.partition_dir(raw_root, date).iterdir()] == [name]
    rows = landed(raw_root)
    assert len(rows) == 4
    assert rows[("snapshot_date=2025-03-04", "ibm-granite/granite-3.2-8b-instruct")] == {
        "model_id": "ibm-granite/granite-3.2-8b-instruct",
        "downloads_all_time": 5100,
        "downloads_30d": 5100,
        "likes": 28,
        "created_at": None,
        "params_total": None,
        "pipeline_tag": None,
        "library_name": None,
        "extracted_at": None,
    }


def test_reads_only_the_required_columns_in_any_order_and_ignores_others(
    tmp_path: Path, raw_root: Path
) -> None:
    # A byte-order mark, CRLF line ends and a trailing blank line, as spreadsheets write.
    text = (
        "\ufeffdownloads_all_time,source,model_id,date\r\n"
        "12,tracker,acme/alpha-7b,2025-04-01\r\n"
        "\r\n"
    )

    import_history(raw_root, [write_csv(tmp_path, text)])

    row = landed(raw_root)[("snapshot_date=2025-04-01", "acme/alpha-7b")]
    assert row["downloads_all_time"] == 12
    assert row["downloads_30d"] is None
    assert row["likes"] is None


def test_empty_optional_counts_are_nulls(tmp_path: Path, raw_root: Path) -> None:
    text = "date,model_id,downloads_all_time,downloads,likes\n2025-04-01,acme/a,5,,\n"

    import_history(raw_root, [write_csv(tmp_path, text)])

    row = landed(raw_root)[("snapshot_date=2025-04-01", "acme/a")]
    assert (row["downloads_30d"], row["likes"]) == (None, None)


def test_reimporting_the_same_file_is_a_no_op(tmp_path: Path, raw_root: Path) -> None:
    path = write_csv(tmp_path, TRACKER_CSV)
    import_history(raw_root, [path])
    before = files_under(raw_root)

    summary = import_history(raw_root, [path])

    assert (summary.n_written, summary.n_already_there) == (0, 3)
    assert files_under(raw_root) == before


def test_leaves_files_already_in_the_partitions_alone(tmp_path: Path, raw_root: Path) -> None:
    snapshot = landing.to_table([{"model_id": "acme/a", "downloads_all_time": 1}])
    landing.write_partition_file(raw_root, dt.date(2025, 3, 3), snapshot, "hub-snapshot.parquet")
    before = files_under(raw_root)

    import_history(raw_root, [write_csv(tmp_path, TRACKER_CSV)])

    after = files_under(raw_root)
    for name, content in before.items():
        assert after[name] == content
    assert len(list(landing.partition_dir(raw_root, dt.date(2025, 3, 3)).iterdir())) == 2


def test_a_different_file_lands_beside_an_earlier_import(tmp_path: Path, raw_root: Path) -> None:
    import_history(raw_root, [write_csv(tmp_path, TRACKER_CSV)])
    newer = TRACKER_CSV + "2025-03-07,ibm-granite/granite-3.2-8b-instruct,29,7500,7500\n"

    summary = import_history(raw_root, [write_csv(tmp_path, newer, "newer.csv")])

    assert summary.n_written == 4
    assert len(list(landing.partition_dir(raw_root, dt.date(2025, 3, 3)).iterdir())) == 2


HEADER = "date,model_id,downloads_all_time,downloads,likes\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "date,model_id,downloads\n2025-03-03,acme/a,5\n",
            "line 1: missing column(s) downloads_all_time",
        ),
        ("", "line 1: no header"),
        ("date,model_id,downloads_all_time,date\n", "line 1: column(s) date appear twice"),
        (HEADER, "no rows after the header"),
        (
            HEADER + "2025-03-03,acme/a,5,1,1\n2025-13-01,acme/a,6,1,1\n",
            "line 3: date '2025-13-01' is not a real date",
        ),
        (HEADER + "03/03/2025,acme/a,5,1,1\n", "line 2: date '03/03/2025' is not YYYY-MM-DD"),
        (HEADER + "20250303,acme/a,5,1,1\n", "line 2: date '20250303' is not YYYY-MM-DD"),
        (
            HEADER + "2025-03-03,acme/a,-5,1,1\n",
            "line 2: downloads_all_time '-5' is not a non-negative",
        ),
        (HEADER + "2025-03-03,acme/a,5,-1,1\n", "line 2: downloads '-1' is not a non-negative"),
        (HEADER + "2025-03-03,acme/a,5,1,1.5\n", "line 2: likes '1.5' is not a non-negative"),
        (HEADER + "2025-03-03,acme/a,,1,1\n", "line 2: downloads_all_time is empty"),
        (HEADER + "2025-03-03,acme-a,5,1,1\n", "line 2: model_id 'acme-a' is not owner/name"),
        (HEADER + "2025-03-03,acme/a,5,1\n", "line 2: 4 fields where the header has 5"),
        (
            HEADER + "2025-03-03,acme/a,5,1,1\n2025-03-04,acme/a,6,1,1\n2025-03-03,acme/a,7,1,1\n",
            "line 4: acme/a on 2025-03-03 repeats line 2",
        ),
        (
            "repoType,repoName,total,timestamp,downloads\n"
            "model,acme/a,4362460,2021-01-22T00:00:00.000Z,4\n",
            "line 1: this is the Hub's publisher-analytics export",
        ),
    ],
)
def test_a_malformed_file_is_refused_whole_with_its_line(
    tmp_path: Path, raw_root: Path, text: str, expected: str
) -> None:
    path = write_csv(tmp_path, text)

    with pytest.raises(HistoryFormatError) as refusal:
        import_history(raw_root, [path])

    assert str(refusal.value).startswith(f"{path}")
    assert expected in str(refusal.value)
    assert not raw_root.exists()


def test_one_bad_file_means_nothing_is_written(tmp_path: Path, raw_root: Path) -> None:
    good = write_csv(tmp_path, TRACKER_CSV, "good.csv")
    bad = write_csv(tmp_path, HEADER + "2025-03-03,acme/a,oops,1,1\n", "bad.csv")

    with pytest.raises(HistoryFormatError, match=r"bad\.csv line 2"):
        import_history(raw_root, [good, bad])

    assert not raw_root.exists()


def test_an_unreadable_file_is_refused(tmp_path: Path, raw_root: Path) -> None:
    not_utf8 = tmp_path / "latin1.csv"
    not_utf8.write_bytes(
        "date,model_id,downloads_all_time\n2025-03-03,acme/caf\xe9,1\n".encode("latin-1")
    )

    with pytest.raises(HistoryFormatError, match="not UTF-8 text"):
        import_history(raw_root, [not_utf8])
    with pytest.raises(HistoryFormatError, match="cannot read the file"):
        import_history(raw_root, [tmp_path / "missing.csv"])

    assert not raw_root.exists()


def test_cli_imports_and_summarises(
    tmp_path: Path, raw_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path, TRACKER_CSV)

    assert cli.main(["import-history", "--raw-root", str(raw_root), str(path)]) == 0
    assert cli.main(["import-history", "--raw-root", str(raw_root), str(path)]) == 0

    first, second = capsys.readouterr().out.splitlines()
    assert first.startswith(
        "import-history: 4 rows from 1 file(s) over 3 dates: 3 partition files written, "
        "0 already there"
    )
    assert "0 partition files written, 3 already there" in second


def test_cli_uses_ram_raw_root(
    tmp_path: Path, raw_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAM_RAW_ROOT", str(raw_root))

    assert cli.main(["import-history", str(write_csv(tmp_path, TRACKER_CSV))]) == 0

    assert len(landing.landed_dates(raw_root)) == 3


def test_cli_refusal_is_one_line(
    tmp_path: Path, raw_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path, HEADER + "2025-03-03,acme/a,-5,1,1\n")

    code = cli.main(["import-history", "--raw-root", str(raw_root), str(path)])

    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err == (
        f"ram-extract import-history: {path} line 2: downloads_all_time '-5' is not a "
        "non-negative whole number\n"
    )
    assert not raw_root.exists()


def test_installed_command_refuses_in_one_line(tmp_path: Path, raw_root: Path) -> None:
    command = Path(sys.executable).with_name("ram-extract")
    if not command.exists():
        pytest.skip("ram-extract is not installed next to this Python")
    path = write_csv(tmp_path, "date,model_id\n2025-03-03,acme/a\n")

    result = subprocess.run(
        [command, "import-history", "--raw-root", raw_root, path],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"ram-extract import-history: {path} line 1: missing column(s) downloads_all_time; "
        "expected date,model_id,downloads_all_time plus optional downloads,likes\n"
    )
    assert not raw_root.exists()
