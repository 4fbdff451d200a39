"""``ram-extract``: land Hub download counters for the RAM score pipeline.

Every sub-command turns the errors it expects into one line on stderr and a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from extract import demo, history, snapshot, synth
from extract.history import HistoryFormatError
from extract.hub_client import HubError
from extract.landing import resolve_raw_root
from extract.tracked import DEFAULT_TRACKED_PATH, TrackedListError


class CommandError(Exception):
    """An expected failure, reported as one line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ram-extract",
        description="Land Hugging Face Hub download counters as Hive-partitioned Parquet.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    demo_parser = commands.add_parser(
        "demo", help="write the deterministic SYNTHETIC demo landing for the tracked list"
    )
    _add_raw_root(demo_parser)
    demo_parser.add_argument("--tracked", type=Path, default=DEFAULT_TRACKED_PATH)
    _add_end_date(demo_parser, "last snapshot date (default: the article's data date, %(default)s)")
    demo_parser.set_defaults(handler=_run_demo)

    synth_parser = commands.add_parser(
        "synth",
        help="write a large SYNTHETIC landing and matching tracked list, for benchmarks",
    )
    _add_raw_root(synth_parser)
    synth_parser.add_argument("--models", type=int, default=50_000, help="default: %(default)s")
    synth_parser.add_argument("--days", type=int, default=730, help="default: %(default)s")
    _add_end_date(synth_parser, "last snapshot date (default: %(default)s)")
    synth_parser.add_argument(
        "--append-days",
        type=int,
        default=0,
        help="instead, write this many more dates after --end-date, continuing the same models",
    )
    synth_parser.add_argument(
        "--tracked-out",
        type=Path,
        default=Path("data/synth/tracked_models.csv"),
        metavar="PATH",
        help="where to write the matching tracked list (default: %(default)s)",
    )
    synth_parser.set_defaults(handler=_run_synth)

    snapshot_parser = commands.add_parser(
        "snapshot",
        help="land today's Hub counters for every model of the tracked organisations",
    )
    _add_raw_root(snapshot_parser)
    snapshot_parser.add_argument(
        "--tracked",
        type=Path,
        default=DEFAULT_TRACKED_PATH,
        metavar="PATH",
        help="tracked list; its organisations are listed (default: %(default)s)",
    )
    snapshot_parser.add_argument(
        "--snapshot-date",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="partition to write (default: today, UTC); for re-runs and backfills",
    )
    snapshot_parser.add_argument(
        "--quiet", action="store_true", help="no progress bar (there is none off a terminal)"
    )
    snapshot_parser.set_defaults(handler=_run_snapshot)

    history_parser = commands.add_parser(
        "import-history",
        help="import daily counters from tracker CSVs: date,model_id,downloads_all_time"
        "[,downloads][,likes]",
    )
    _add_raw_root(history_parser)
    history_parser.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="CSV file(s); all are checked first"
    )
    history_parser.set_defaults(handler=_run_import_history)
    return parser


def _add_raw_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--raw-root",
        type=Path,
        default=None,
        help="landing root (default: $RAM_RAW_ROOT, else data/raw)",
    )


def _add_end_date(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument(
        "--end-date",
        type=_iso_date,
        default=demo.DEMO_END_DATE,
        metavar="YYYY-MM-DD",
        help=help_text,
    )


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _run_demo(args: argparse.Namespace) -> None:
    raw_root = resolve_raw_root(args.raw_root)
    summary = demo.write_demo_landing(raw_root, args.tracked, args.end_date)
    print(
        f"SYNTHETIC demo landing: {summary.n_models} models, {summary.n_dates} snapshot dates "
        f"to {args.end_date}, {summary.n_rows} rows in {raw_root}"
    )


def _run_synth(args: argparse.Namespace) -> None:
    if args.models < 1 or args.days < 1 or args.append_days < 0:
        raise CommandError("--models and --days must be positive, --append-days not negative")
    raw_root = resolve_raw_root(args.raw_root)
    started = time.monotonic()
    summary = synth.write_synth_landing(
        raw_root,
        args.tracked_out,
        args.models,
        args.days,
        args.end_date,
        append_days=args.append_days,
    )
    print(
        f"SYNTHETIC landing: {summary.n_models} models, {summary.n_dates} snapshot dates, "
        f"{summary.n_rows} rows in {raw_root}, tracked list {args.tracked_out}, "
        f"{time.monotonic() - started:.1f} s"
    )


def _run_snapshot(args: argparse.Namespace) -> None:
    raw_root = resolve_raw_root(args.raw_root)
    today = dt.datetime.now(dt.UTC).date()
    snapshot_date = args.snapshot_date or today
    if snapshot_date > today:
        raise CommandError(f"--snapshot-date {snapshot_date} is after today ({today}, UTC)")
    try:
        summary = snapshot.take_snapshot(
            raw_root,
            args.tracked,
            snapshot_date,
            progress=not args.quiet and sys.stderr.isatty(),
        )
    except OSError as error:
        raise CommandError(
            f"writing the {snapshot_date} snapshot under {raw_root} failed ({error}); "
            "the landing is unchanged"
        ) from error
    for missing in summary.missing:
        print(f"ram-extract snapshot: warning: {missing.describe()}", file=sys.stderr)
    print(
        f"snapshot {snapshot_date}: {summary.n_models} models landed in {summary.path}, "
        f"{summary.n_requests} requests, {summary.seconds:.1f} s"
    )


def _run_import_history(args: argparse.Namespace) -> None:
    raw_root = resolve_raw_root(args.raw_root)
    try:
        summary = history.import_history(raw_root, args.files)
    except OSError as error:
        raise CommandError(
            f"writing history under {raw_root} failed ({error}); files already written are "
            "complete, re-run to finish"
        ) from error
    print(
        f"import-history: {summary.n_rows} rows from {summary.n_files} file(s) over "
        f"{summary.n_dates} dates: {summary.n_written} partition files written, "
        f"{summary.n_already_there} already there, {summary.seconds:.1f} s, in {raw_root}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.handler(args)
    except (CommandError, TrackedListError, HubError, HistoryFormatError) as error:
        print(f"ram-extract {args.command}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
