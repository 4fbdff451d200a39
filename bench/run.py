"""`make bench`: the RAM pipeline at scale, against a straightforward SQL script.

Generates a SYNTHETIC landing (default 50,000 models x 730 days), then
measures wall time and peak RSS of, each in its own process:
  1. a full `dbt build` of the milestone marts only (what the straightforward
     script computes), then of every mart (daily curves included),
  2. `dbt build` again after one more day has landed (incremental), and a
     `dbt build` that selects nothing (what any invocation costs),
  3. bench/straightforward.sql: running maximum over every model's whole
     daily series with window functions, then interpolation at milestones.
A report, not a test: it prints the figures and writes data/bench/results.md,
with each build's run_results.json beside it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests")
END_DATE = dt.date(2026, 1, 11)
# What bench/straightforward.sql computes too: milestones, references, scores.
MILESTONE_MARTS = ("dim_models", "fct_ram_scores", "rpt_recent_model_performance")

# Runs a command as a child and prints its wall time and peak RSS as JSON.
MEASURE = """
import json, resource, subprocess, sys, time
started = time.monotonic()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({
    "seconds": time.monotonic() - started,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    "returncode": result.returncode,
    "tail": (result.stdout + result.stderr)[-3000:],
}))
"""

STRAIGHTFORWARD = """
import duckdb, sys
sql = open(sys.argv[1]).read()
sql = sql.replace("{raw_root}", sys.argv[2]).replace("{tracked_csv}", sys.argv[3])
connection = duckdb.connect(sys.argv[4])
connection.execute("set threads = 2")
connection.execute(sql)
"""


@dataclass
class Measurement:
    name: str
    seconds: float
    peak_rss_mb: float


def measure(name: str, command: list[str], env: dict[str, str]) -> Measurement:
    print(f"-- {name} ...", flush=True)
    output = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(output.stdout)
    if result["returncode"] != 0:
        sys.exit(f"bench: {name} failed:\n{result['tail']}")
    measurement = Measurement(name, result["seconds"], result["peak_rss_mb"])
    print(f"   {measurement.seconds:6.1f} s   {measurement.peak_rss_mb:7.0f} MB peak RSS")
    return measurement


def keep_run_results(project: Path, destination: Path) -> None:
    """dbt's per-node timings of the step just measured, for a closer look."""
    shutil.copy(project / "target" / "run_results.json", destination)


def remove_duckdb_file(path: Path) -> None:
    for file in (path, path.with_name(path.name + ".wal")):
        file.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=50_000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--work-dir", type=Path, default=ROOT / "data" / "bench")
    args = parser.parse_args()

    work = args.work_dir.resolve()
    shutil.rmtree(work, ignore_errors=True)
    project = work / "project"
    project.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("python"))
        else:
            shutil.copy(source, project / part)
    raw_root, tracked = work / "raw", project / "seeds" / "tracked_models.csv"
    env = os.environ | {
        "RAM_RAW_ROOT": str(raw_root),
        "RAM_DUCKDB_PATH": str(work / "ram.duckdb"),
        "DBT_PROFILES_DIR": str(project),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    synth = [str(BIN / "ram-extract"), "synth", "--raw-root", str(raw_root)]
    synth += ["--models", str(args.models), "--days", str(args.days)]
    synth += ["--end-date", END_DATE.isoformat(), "--tracked-out", str(tracked)]
    # A production build: the unit tests run in `make test`, not every day.
    dbt_build = [str(BIN / "dbt"), "build", "--project-dir", str(project)]
    dbt_build += ["--exclude-resource-type", "unit_test"]

    # The straightforward script computes milestones only: compare like with
    # like first, then start again from an empty DuckDB file for every mart.
    # One profile for every step: a changed profile makes dbt parse the
    # project again, as a first checkout does (`dbt parse` below, untimed).
    milestone_marts = ["--indirect-selection", "cautious", "--select"]
    milestone_marts += [f"+{mart}" for mart in MILESTONE_MARTS]
    results = [measure("generate the synthetic landing", synth, env)]
    subprocess.run(
        [str(BIN / "dbt"), "parse", "--project-dir", str(project), "--quiet"], env=env, check=True
    )
    milestones_build = [*dbt_build, *milestone_marts]
    results.append(measure("full dbt build, milestone marts only", milestones_build, env))
    keep_run_results(project, work / "run_results_milestones.json")
    remove_duckdb_file(Path(env["RAM_DUCKDB_PATH"]))
    results.append(measure("full dbt build, all marts", dbt_build, env))
    keep_run_results(project, work / "run_results_full.json")
    results.append(measure("append one day", [*synth, "--append-days", "1"], env))
    results.append(measure("dbt build after one more day (incremental), all marts", dbt_build, env))
    keep_run_results(project, work / "run_results_incremental.json")
    # dbt's fixed cost of one invocation: start, read the parsed project, plan.
    nothing = [*dbt_build, "--select", "tag:no_such_tag"]
    results.append(measure("dbt build that selects nothing (dbt's fixed cost)", nothing, env))
    straightforward = [sys.executable, "-c", STRAIGHTFORWARD]
    straightforward += [str(ROOT / "bench" / "straightforward.sql"), str(raw_root)]
    straightforward += [str(tracked), str(work / "straightforward.duckdb")]
    results.append(measure("straightforward SQL script", straightforward, env))

    milestones_only, full, incremental, fixed_cost, baseline = (results[i] for i in (1, 2, 4, 5, 6))
    lines = [
        f"# Benchmark: {args.models:,} models x {args.days} days",
        "",
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "",
        "| step | wall s | peak RSS MB |",
        "|---|---:|---:|",
        *(f"| {item.name} | {item.seconds:.1f} | {item.peak_rss_mb:.0f} |" for item in results),
        "",
        "- full dbt build, milestone marts only / straightforward SQL: "
        f"{milestones_only.seconds / baseline.seconds:.2f}",
        f"- full dbt build, all marts / straightforward SQL: {full.seconds / baseline.seconds:.2f}",
        f"- incremental build / full build: {incremental.seconds / full.seconds:.2f}",
        "- dbt's fixed cost / full dbt build, milestone marts only: "
        f"{fixed_cost.seconds / milestones_only.seconds:.2f}",
    ]
    report = "\n".join(lines)
    (work / "results.md").write_text(report + "\n")
    print("\n" + report)


if __name__ == "__main__":
    main()
