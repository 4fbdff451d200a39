"""``ram-report``: show and export the RAM score marts.

``ram-report table`` prints the recent-model table (the article's "Recent
Model Performance") from the DuckDB file the last ``dbt build`` wrote;
``ram-report html`` writes the self-contained HTML report
(``data/report/index.html``); ``ram-report export`` writes every mart to
``data/marts/<name>.parquet`` for BI tools. All of them open the DuckDB file
read-only, after ``dbt build`` has finished (DuckDB allows one writer).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb

from extract.demo import SYNTHETIC_MARKER
from extract.export import (
    DEFAULT_EXPORT_DIR,
    ExportedMart,
    ExportError,
    export_marts,
    export_spark_marts,
)
from extract.html_report import DEFAULT_REPORT_PATH, read_report_data, render_report, write_report
from extract.landing import resolve_raw_root

DEFAULT_DUCKDB_PATH = "data/ram.duckdb"
REPORT_MILESTONES = (7, 14, 30, 60, 90)


class ReportError(Exception):
    """The marts cannot be read; reported as one line."""


def resolve_duckdb_path(path: Path | None) -> Path:
    return Path(path or os.environ.get("RAM_DUCKDB_PATH") or DEFAULT_DUCKDB_PATH)


def is_synthetic(raw_root: Path) -> bool:
    return (raw_root / SYNTHETIC_MARKER).exists()


def connect_read_only(duckdb_path: Path) -> duckdb.DuckDBPyConnection:
    """The marts' DuckDB file, read-only; a one-line error when that is impossible."""
    if not duckdb_path.exists():
        raise ReportError(f"{duckdb_path} does not exist; run `dbt build` first")
    try:
        return duckdb.connect(str(duckdb_path), read_only=True)
    except duckdb.Error as error:
        first_line = str(error).splitlines()[0]
        if "lock" in first_line.lower():
            raise ReportError(
                f"{duckdb_path} is open for writing by another process (a running `dbt build` "
                f"or a BI tool): run this after it finishes ({first_line})"
            ) from error
        raise ReportError(f"cannot open {duckdb_path}: {first_line}") from error


def _marts_error(duckdb_path: Path, error: duckdb.Error) -> ReportError:
    first_line = str(error).splitlines()[0]
    return ReportError(f"cannot read the marts in {duckdb_path}: {first_line}")


def read_recent_models(duckdb_path: Path) -> list[dict[str, object]]:
    try:
        with connect_read_only(duckdb_path) as connection:
            cursor = connection.execute(
                "select * from rpt_recent_model_performance "
                "order by size_bucket_sort_order, release_date desc, model_id"
            )
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    except duckdb.Error as error:
        raise _marts_error(duckdb_path, error) from error


def format_downloads(value: float | None) -> str:
    if value is None:
        return "-"
    for threshold, suffix in ((1e6, "M"), (1e3, "K")):
        if value >= threshold:
            return f"{value / threshold:.1f}{suffix}"
    return f"{value:.0f}"


def format_score(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def format_table(rows: list[dict[str, object]], synthetic: bool) -> str:
    header = ["model", "size", "bucket", "released"] + [f"{days}d" for days in REPORT_MILESTONES]
    lines = [header]
    for row in rows:
        params_b = row["params_b"]
        cells = [
            str(row["display_name"]),
            "?" if params_b is None else f"{params_b:g}B",
            str(row["size_bucket"] or "?"),
            str(row["release_date"]),
        ]
        for days in REPORT_MILESTONES:
            score, downloads = row[f"ram_score_{days}d"], row[f"downloads_{days}d"]
            cells.append(
                "-"
                if downloads is None
                else f"{format_score(score)} ({format_downloads(downloads)})"
            )
        lines.append(cells)
    widths = [max(len(line[index]) for line in lines) for index in range(len(header))]
    rendered = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    ]
    data_date = rows[0]["data_date"] if rows else "n/a"
    title = (
        "Recent model performance: RAM score (downloads) by days since release; "
        f"data date {data_date}"
    )
    if synthetic:
        title += "\nSYNTHETIC DEMO DATA: not real Hub downloads."
    return "\n".join([title, "", rendered[0], "-" * len(rendered[0]), *rendered[1:]])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ram-report", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    table = commands.add_parser("table", help="print the recent-model table in the terminal")
    table.add_argument("--duckdb-path", type=Path, default=None)
    table.add_argument("--raw-root", type=Path, default=None)
    table.set_defaults(handler=_run_table)
    page = commands.add_parser(
        "html", help="write the self-contained HTML report (chart and recent-model table)"
    )
    page.add_argument("--duckdb-path", type=Path, default=None)
    page.add_argument("--raw-root", type=Path, default=None)
    page.add_argument(
        "--output", type=Path, default=DEFAULT_REPORT_PATH, help=f"default {DEFAULT_REPORT_PATH}"
    )
    page.set_defaults(handler=_run_html)
    export = commands.add_parser(
        "export", help="write every mart to <output-dir>/<name>.parquet, each file atomically"
    )
    export.add_argument("--duckdb-path", type=Path, default=None)
    export.add_argument(
        "--target",
        default=None,
        help="a Spark target of profiles.yml, e.g. spark (default: $DBT_TARGET, else the "
        "DuckDB file)",
    )
    export.add_argument(
        "--output-dir", type=Path, default=DEFAULT_EXPORT_DIR, help=f"default {DEFAULT_EXPORT_DIR}"
    )
    export.set_defaults(handler=_run_export)
    return parser


def _run_table(args: argparse.Namespace) -> None:
    rows = read_recent_models(resolve_duckdb_path(args.duckdb_path))
    print(format_table(rows, is_synthetic(resolve_raw_root(args.raw_root))))


def _run_html(args: argparse.Namespace) -> None:
    duckdb_path = resolve_duckdb_path(args.duckdb_path)
    synthetic = is_synthetic(resolve_raw_root(args.raw_root))
    try:
        with connect_read_only(duckdb_path) as connection:
            data = read_report_data(connection, synthetic)
    except duckdb.Error as error:
        raise _marts_error(duckdb_path, error) from error
    path = write_report(args.output, render_report(data))
    print(f"wrote {path} (data date {data.data_date}, {len(data.table_rows)} recent models)")


def _export_from_duckdb(args: argparse.Namespace) -> list[ExportedMart]:
    duckdb_path = resolve_duckdb_path(args.duckdb_path)
    try:
        with connect_read_only(duckdb_path) as connection:
            return export_marts(connection, args.output_dir)
    except duckdb.Error as error:
        raise _marts_error(duckdb_path, error) from error


def _export_from_spark(args: argparse.Namespace, target: str) -> list[ExportedMart]:
    try:
        return export_spark_marts(args.output_dir, target)
    except (ExportError, duckdb.Error) as error:
        raise ReportError(str(error).splitlines()[0]) from error


def _run_export(args: argparse.Namespace) -> None:
    target = args.target or os.environ.get("DBT_TARGET") or "duckdb"
    try:
        if target == "duckdb":
            exported = _export_from_duckdb(args)
        else:
            exported = _export_from_spark(args, target)
    except OSError as error:
        raise ReportError(f"cannot write to {args.output_dir}: {error.strerror}") from error
    total = sum(mart.n_rows for mart in exported)
    print(f"exported {len(exported)} marts ({total} rows, target {target}) to {args.output_dir}/")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.handler(args)
    except ReportError as error:
        print(f"ram-report {args.command}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
