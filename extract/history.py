"""Importing daily counters that public trackers publish as CSV.

The format: ``date,model_id,downloads_all_time`` plus the optional columns
``downloads`` (the Hub's 30-day count) and ``likes``, in any order; other
columns are ignored. Every file is checked whole before anything is written,
and lands as ``history-<content hash>.parquet`` in each date's partition, next
to whatever is there: re-importing a file is a no-op, and overlaps with other
files are left to the pipeline's largest-value rule.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import time
from dataclasses import dataclass
from pathlib import Path

from extract.landing import partition_dir, to_table, write_partition_file

REQUIRED_COLUMNS = ("date", "model_id", "downloads_all_time")
# CSV column -> landing column.
OPTIONAL_COLUMNS = {"downloads": "downloads_30d", "likes": "likes"}
PUBLISHER_ANALYTICS_HEADER = ["repoType", "repoName", "total", "timestamp", "downloads"]
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
COUNT_PATTERN = re.compile(r"\d+")


class HistoryFormatError(Exception):
    """A history file cannot be imported; the message names the file and line."""


@dataclass(frozen=True)
class HistoryFile:
    path: Path
    digest: str
    rows_by_date: dict[dt.date, list[dict[str, object]]]

    @property
    def file_name(self) -> str:
        return f"history-{self.digest}.parquet"

    @property
    def n_rows(self) -> int:
        return sum(len(rows) for rows in self.rows_by_date.values())


@dataclass(frozen=True)
class ImportSummary:
    n_files: int
    n_rows: int
    n_dates: int
    n_written: int
    n_already_there: int
    seconds: float


def import_history(raw_root: Path, paths: list[Path]) -> ImportSummary:
    started = time.monotonic()
    # Read and check every file first: one bad file means nothing is written.
    files = [read_history_file(path) for path in paths]
    written = already_there = 0
    for history in files:
        for snapshot_date, rows in sorted(history.rows_by_date.items()):
            if (partition_dir(raw_root, snapshot_date) / history.file_name).exists():
                already_there += 1
                continue
            write_partition_file(raw_root, snapshot_date, to_table(rows), history.file_name)
            written += 1
    dates = {date for history in files for date in history.rows_by_date}
    return ImportSummary(
        n_files=len(files),
        n_rows=sum(history.n_rows for history in files),
        n_dates=len(dates),
        n_written=written,
        n_already_there=already_there,
        seconds=time.monotonic() - started,
    )


def read_history_file(path: Path) -> HistoryFile:
    try:
        content = path.read_bytes()
    except OSError as error:
        raise HistoryFormatError(f"{path}: cannot read the file ({error.strerror})") from error
    try:
        # utf-8-sig drops the byte-order mark spreadsheets put in front.
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise HistoryFormatError(f"{path}: not UTF-8 text ({error.reason})") from error
    reader = csv.reader(io.StringIO(text, newline=""))
    header = _read_header(path, reader)
    rows_by_date: dict[dt.date, list[dict[str, object]]] = {}
    first_seen: dict[tuple[dt.date, str], int] = {}
    for fields in reader:
        if not fields:
            continue  # a blank line, e.g. at the end of the file
        line = reader.line_num
        snapshot_date, row = _parse_row(f"{path} line {line}", header, fields)
        key = (snapshot_date, str(row["model_id"]))
        if key in first_seen:
            raise HistoryFormatError(
                f"{path} line {line}: {key[1]} on {key[0]} repeats line {first_seen[key]}"
            )
        first_seen[key] = line
        rows_by_date.setdefault(snapshot_date, []).append(row)
    if not rows_by_date:
        raise HistoryFormatError(f"{path}: no rows after the header")
    digest = hashlib.sha256(content).hexdigest()[:16]
    return HistoryFile(path, digest, rows_by_date)


@dataclass(frozen=True)
class _Header:
    width: int
    # Column name -> position, for the columns this importer reads.
    positions: dict[str, int]


def _read_header(path: Path, reader: csv.Reader) -> _Header:
    names = [name.strip() for name in next(reader, [])]
    if not names:
        raise HistoryFormatError(f"{path} line 1: no header; expected {','.join(REQUIRED_COLUMNS)}")
    if names == PUBLISHER_ANALYTICS_HEADER:
        raise HistoryFormatError(
            f"{path} line 1: this is the Hub's publisher-analytics export, which holds daily "
            "downloads rather than the all-time counter; import-history does not read it"
        )
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise HistoryFormatError(f"{path} line 1: column(s) {', '.join(repeated)} appear twice")
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        raise HistoryFormatError(
            f"{path} line 1: missing column(s) {', '.join(missing)}; expected "
            f"{','.join(REQUIRED_COLUMNS)} plus optional {','.join(OPTIONAL_COLUMNS)}"
        )
    wanted = [*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS]
    return _Header(len(names), {name: names.index(name) for name in wanted if name in names})


def _parse_row(where: str, header: _Header, fields: list[str]) -> tuple[dt.date, dict[str, object]]:
    if len(fields) != header.width:
        raise HistoryFormatError(
            f"{where}: {len(fields)} fields where the header has {header.width}"
        )
    field = {name: fields[position].strip() for name, position in header.positions.items()}
    if not DATE_PATTERN.fullmatch(field["date"]):
        raise HistoryFormatError(f"{where}: date {field['date']!r} is not YYYY-MM-DD")
    try:
        snapshot_date = dt.date.fromisoformat(field["date"])
    except ValueError:
        raise HistoryFormatError(f"{where}: date {field['date']!r} is not a real date") from None
    model_id = field["model_id"]
    if "/" not in model_id or any(char.isspace() for char in model_id):
        raise HistoryFormatError(f"{where}: model_id {model_id!r} is not owner/name")
    downloads_all_time = _count(where, "downloads_all_time", field["downloads_all_time"])
    if downloads_all_time is None:
        raise HistoryFormatError(f"{where}: downloads_all_time is empty")
    row: dict[str, object] = {"model_id": model_id, "downloads_all_time": downloads_all_time}
    for csv_name, landing_name in OPTIONAL_COLUMNS.items():
        if csv_name in field:
            row[landing_name] = _count(where, csv_name, field[csv_name])
    return snapshot_date, row


def _count(where: str, column: str, text: str) -> int | None:
    if not text:
        return None
    if not COUNT_PATTERN.fullmatch(text):
        raise HistoryFormatError(f"{where}: {column} {text!r} is not a non-negative whole number")
    return int(text)
