"""``ram-extract``: land Hub download counters for the RAM score pipeline.

Every sub-command turns the errors it expects into one line on stderr and a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from extract import demo
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
    demo_parser.add_argument(
        "--end-date",
        type=dt.date.fromisoformat,
        default=demo.DEMO_END_DATE,
        help="last snapshot date (default: the article's data date, %(default)s)",
    )
    demo_parser.set_defaults(handler=_run_demo)
    return parser


def _add_raw_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--raw-root",
        type=Path,
        default=None,
        help="landing root (default: $RAM_RAW_ROOT, else data/raw)",
    )


def _run_demo(args: argparse.Namespace) -> None:
    raw_root = resolve_raw_root(args.raw_root)
    summary = demo.write_demo_landing(raw_root, args.tracked, args.end_date)
    print(
        f"SYNTHETIC demo landing: {summary.n_models} models, {summary.n_dates} snapshot dates "
        f"to {args.end_date}, {summary.n_rows} rows in {raw_root}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.handler(args)
    except (CommandError, TrackedListError) as error:
        print(f"ram-extract {args.command}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
