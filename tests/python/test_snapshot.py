"""``ram-extract snapshot`` against a stand-in Hub on 127.0.0.1 (see fake_hub.py)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import huggingface_hub
import pyarrow.parquet as pq
import pytest
from fake_hub import Canned, FakeHub, hub_model

from extract import cli, hub_client, landing
from extract.hub_client import HubError, RetryPolicy
from extract.snapshot import SNAPSHOT_FILE_NAME, MissingModel, take_snapshot

TOKEN = "hf_test_token_never_to_be_shown"
DATE = dt.date(2026, 5, 16)
TRACKED = ["acme/alpha-7b", "acme/beta-1b", "other/gamma-70b"]


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeHub]:
    models = [
        hub_model("acme/alpha-7b", 1_000),
        hub_model("acme/beta-1b", 2_000, safetensors=None, pipeline_tag=None),
        hub_model("acme/delta-3b", 3_000),
        hub_model("acme/epsilon-2b", 4_000),
        hub_model("acme/zeta-8b", 5_000),
        hub_model("other/gamma-70b", 6_000),
    ]
    with FakeHub(models, page_size=2) as fake:
        monkeypatch.setenv("HF_ENDPOINT", fake.url)
        # huggingface_hub read HF_ENDPOINT at import, before this fixture; its own side
        # requests (an agent-detection list for the User-Agent) use that value.
        monkeypatch.setattr(huggingface_hub.constants, "ENDPOINT", fake.url)
        monkeypatch.setenv("HF_TOKEN", TOKEN)
        monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        yield fake


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Waits the retry policy asked for, recorded instead of slept."""
    waits: list[float] = []
    policy = RetryPolicy(
        max_attempts=4, base_wait=0.5, max_wait=1.0, timeout=2.0, sleep=waits.append
    )
    monkeypatch.setattr(hub_client, "DEFAULT_POLICY", policy)
    return waits


@pytest.fixture
def raw_root(tmp_path: Path) -> Path:
    return tmp_path / "raw"


def write_tracked(tmp_path: Path, model_ids: list[str]) -> Path:
    path = tmp_path / "tracked_models.csv"
    lines = ["model_id,display_name,params_b,release_date"]
    lines += [f"{model_id},{model_id},,2025-01-01" for model_id in model_ids]
    path.write_text("\n".join(lines) + "\n")
    return path


def snapshot(tmp_path: Path, raw_root: Path, tracked: list[str] = TRACKED):
    return take_snapshot(raw_root, write_tracked(tmp_path, tracked), DATE)


def landed_rows(raw_root: Path) -> dict[str, dict[str, object]]:
    table = pq.read_table(landing.partition_dir(raw_root, DATE) / SNAPSHOT_FILE_NAME)
    assert table.schema == landing.SNAPSHOT_SCHEMA
    return {row["model_id"]: row for row in table.to_pylist()}


def visible_files(raw_root: Path) -> list[str]:
    """Every file under the landing, relative, as a reader or an operator would find it."""
    return sorted(str(path.relative_to(raw_root)) for path in raw_root.rglob("*") if path.is_file())


def test_lands_every_listed_model_over_all_pages(
    hub: FakeHub, sleeps: list[float], tmp_path: Path, raw_root: Path
) -> None:
    summary = snapshot(tmp_path, raw_root)

    rows = landed_rows(raw_root)
    # Untracked models of a tracked organisation land too.
    assert sorted(rows) == sorted(hub.models)
    alpha = rows["acme/alpha-7b"]
    assert alpha["downloads_all_time"] == 1_000
    assert alpha["downloads_30d"] == 100
    assert alpha["likes"] == 3
    assert alpha["params_total"] == 7_000_000_000
    assert alpha["created_at"] == dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert alpha["pipeline_tag"] == "text-generation"
    assert alpha["library_name"] == "transformers"
    assert rows["acme/beta-1b"]["params_total"] is None
    assert rows["acme/beta-1b"]["pipeline_tag"] is None
    extracted_at = alpha["extracted_at"]
    assert isinstance(extracted_at, dt.datetime)
    assert abs(dt.datetime.now(dt.UTC) - extracted_at) < dt.timedelta(minutes=5)

    # acme has 5 models in pages of 2: 3 requests; other has 1: 1 request; no model_info.
    assert len(hub.requests_to("author=acme")) == 3
    assert len(hub.requests_to("author=other")) == 1
    assert hub.requests_to("/api/models/") == []
    assert summary.n_requests == len(hub.requests_to("/api/models")) == 4
    assert summary.n_models == 6
    assert summary.missing == []
    assert sleeps == []
    first = hub.requests_to("author=acme")[0]
    for field in hub_client.EXPAND:
        assert f"expand={field}" in first
    model_api = [
        auth
        for request, auth in zip(hub.requests, hub.authorizations, strict=True)
        if request.startswith("/api/models")
    ]
    assert set(model_api) == {f"Bearer {TOKEN}"}


def test_looks_up_only_tracked_models_the_listings_missed(
    hub: FakeHub, sleeps: list[float], tmp_path: Path, raw_root: Path
) -> None:
    hub.unlisted["acme/private-1b"] = hub_model("acme/private-1b", 42)

    summary = snapshot(tmp_path, raw_root, [*TRACKED, "acme/private-1b"])

    assert hub.requests_to("/api/models/") == [
        "/api/models/acme/private-1b?" + "&".join(f"expand={f}" for f in hub_client.EXPAND)
    ]
    assert landed_rows(raw_root)["acme/private-1b"]["downloads_all_time"] == 42
    assert summary.missing == []


def test_reports_and_skips_tracked_models_the_hub_no_longer_has(
    hub: FakeHub, sleeps: list[float], tmp_path: Path, raw_root: Path
) -> None:
    hub.renamed["acme/alpha-7b-old"] = "acme/alpha-7b"

    summary = snapshot(tmp_path, raw_root, [*TRACKED, "acme/gone", "acme/alpha-7b-old"])

    assert summary.missing == [
        MissingModel("acme/gone", None),
        MissingModel("acme/alpha-7b-old", "acme/alpha-7b"),
    ]
    rows = landed_rows(raw_root)
    assert "acme/gone" not in rows
    assert "acme/alpha-7b-old" not in rows
    assert len(rows) == 6


@pytest.mark.parametrize(
    ("headers", "expected_wait"),
    [
        ({"Retry-After": "7"}, 7.0),
        (
            {"RateLimit": '"api";r=0;t=42', "RateLimit-Policy": '"fixed window";"api";q=500;w=300'},
            42.0,
        ),
    ],
)
def test_waits_as_long_as_a_429_says(
    hub: FakeHub,
    sleeps: list[float],
    tmp_path: Path,
    raw_root: Path,
    headers: dict[str, str],
    expected_wait: float,
) -> None:
    # On the second page, which huggingface_hub fetches from the Link header.
    hub.canned.append(Canned("cursor=2", status=429, headers=headers))

    summary = snapshot(tmp_path, raw_root)

    assert sleeps == [expected_wait]
    assert len(landed_rows(raw_root)) == 6
    assert summary.n_requests == 5


def test_retries_model_info_on_server_errors(
    hub: FakeHub, sleeps: list[float], tmp_path: Path, raw_root: Path
) -> None:
    hub.unlisted["acme/private-1b"] = hub_model("acme/private-1b", 42)
    hub.canned.append(Canned("/api/models/acme/private-1b", status=503, times=2))

    snapshot(tmp_path, raw_root, [*TRACKED, "acme/private-1b"])

    assert sleeps == [0.5, 1.0]
    assert len(hub.requests_to("/api/models/acme/private-1b")) == 3
    assert landed_rows(raw_root)["acme/private-1b"]["downloads_all_time"] == 42


def test_retries_a_request_that_times_out(
    hub: FakeHub, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, raw_root: Path
) -> None:
    waits: list[float] = []
    policy = RetryPolicy(max_attempts=3, base_wait=0.01, timeout=0.2, sleep=waits.append)
    monkeypatch.setattr(hub_client, "DEFAULT_POLICY", policy)
    hub.canned.append(Canned("author=other", delay=1.0, body=b"[]"))

    snapshot(tmp_path, raw_root)

    assert waits == [0.01]
    assert landed_rows(raw_root)["other/gamma-70b"]["downloads_all_time"] == 6_000


def test_a_hub_that_keeps_failing_fails_the_run_and_changes_nothing(
    hub: FakeHub, sleeps: list[float], tmp_path: Path, raw_root: Path
) -> None:
    snapshot(tmp_path, raw_root)
    before = (landing.partition_dir(raw_root, DATE) / SNAPSHOT_FILE_NAME).read_bytes()
    files_before = visible_files(raw_root)
    hub.models["acme/alpha-7b"] = hub_model("acme/alpha-7b", 9_999)
    hub.requests.clear()
    hub.canned.append(Canned("author=other", status=500, times=100))

    with pytest.raises(HubError) as failure:
        snapshot(tmp_path, raw_root)

    message = str(failure.value)
    assert message.startswith("listing the models of other failed: HTTP 500")
    assert f"after 4 attempts to {hub.url};" in message
    assert "try again later" in message
    assert "\n" not in message
    assert len(hub.requests_to("author=other")) == 4
    assert sleeps == [0.5, 1.0, 1.0]
    assert (landing.partition_dir(raw_root, DATE) / SNAPSHOT_FILE_NAME).read_bytes() == before
    assert visible_files(raw_root) == files_before


def test_gives_up_at_once_when_the_rate_limit_outlasts_the_run(
    hub: FakeHub, sleeps: list[float], tmp_path: Path, raw_root: Path
) -> None:
    hub.canned.append(Canned("author=acme", status=429, headers={"Retry-After": "3600"}))

    with pytest.raises(
        HubError, match="HTTP 429 Too Many Requests, and the Hub asks to wait 3600 s"
    ):
        snapshot(tmp_path, raw_root)

    assert sleeps == []
    assert not raw_root.exists()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"<html>Bad gateway</html>", "not the expected model JSON (JSONDecodeError"),
        (b'{"error": "oops"}', "not the expected model JSON"),
        (b'[{"downloadsAllTime": 5}]', "not the expected model JSON (KeyError: 'id')"),
        (
            b'[{"id": "acme/a", "downloadsAllTime": "many"}]',
            "model acme/a: downloadsAllTime is 'many'",
        ),
        (b'[{"id": "acme/a", "downloadsAllTime": -1}]', "model acme/a: downloadsAllTime is -1"),
        (b'[{"id": "acme/a"}]', "model acme/a has no downloadsAllTime"),
        (b'[{"id": "acme/a", "downloadsAllTime": 1, "createdAt": 5}]', "not the expected model"),
        (b'[{"id": "acme/a", "downloadsAllTime": 1, "likes": true}]', "likes is True"),
    ],
)
def test_an_answer_that_is_not_model_json_fails_the_run(
    hub: FakeHub, sleeps: list[float], tmp_path: Path, raw_root: Path, body: bytes, expected: str
) -> None:
    hub.canned.append(Canned("author=acme", body=body))

    with pytest.raises(HubError) as failure:
        snapshot(tmp_path, raw_root)

    assert str(failure.value).startswith("listing the models of acme")
    assert expected in str(failure.value)
    assert not raw_root.exists()


def test_rerunning_a_date_replaces_its_snapshot(
    hub: FakeHub, sleeps: list[float], tmp_path: Path, raw_root: Path
) -> None:
    snapshot(tmp_path, raw_root)
    hub.models["acme/alpha-7b"] = hub_model("acme/alpha-7b", 1_500)

    snapshot(tmp_path, raw_root)

    assert visible_files(raw_root) == [
        f"{landing.DATASET_DIR}/snapshot_date={DATE}/{SNAPSHOT_FILE_NAME}"
    ]
    rows = landed_rows(raw_root)
    assert len(rows) == 6
    assert rows["acme/alpha-7b"]["downloads_all_time"] == 1_500


@pytest.mark.parametrize("earlier_run", [False, True])
def test_a_crash_between_write_and_move_leaves_no_file_for_readers(
    hub: FakeHub,
    sleeps: list[float],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    raw_root: Path,
    earlier_run: bool,
) -> None:
    if earlier_run:
        snapshot(tmp_path, raw_root)
    files_before = visible_files(raw_root) if earlier_run else []

    def crash(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(landing.os, "replace", crash)
    with pytest.raises(OSError, match="No space left"):
        snapshot(tmp_path, raw_root)
    monkeypatch.undo()

    assert visible_files(raw_root) == files_before


def test_puts_huggingface_hubs_own_client_back(
    hub: FakeHub, sleeps: list[float], tmp_path: Path, raw_root: Path
) -> None:
    snapshot(tmp_path, raw_root)

    assert type(huggingface_hub.get_session()) is not hub_client._RetryingClient


def run_cli(*args: str) -> int:
    return cli.main(["snapshot", *args])


def test_cli_prints_a_summary_and_names_missing_models(
    hub: FakeHub,
    sleeps: list[float],
    tmp_path: Path,
    raw_root: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tracked = write_tracked(tmp_path, [*TRACKED, "acme/gone"])

    code = run_cli(
        "--tracked", str(tracked), "--raw-root", str(raw_root), "--snapshot-date", str(DATE)
    )

    out, err = capsys.readouterr()
    assert code == 0
    assert out.startswith(f"snapshot {DATE}: 6 models landed in {raw_root}")
    assert out.rstrip().endswith(" s")
    assert "5 requests" in out
    assert err == (
        "ram-extract snapshot: warning: tracked model acme/gone is not on the Hub "
        "(deleted, renamed or private); skipped\n"
    )


def test_cli_defaults_to_today_and_env_raw_root(
    hub: FakeHub,
    sleeps: list[float],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    raw_root: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("RAM_RAW_ROOT", str(raw_root))

    assert run_cli("--tracked", str(write_tracked(tmp_path, TRACKED)), "--quiet") == 0

    today = dt.datetime.now(dt.UTC).date()
    assert landing.landed_dates(raw_root) == [today]


@pytest.mark.parametrize(
    ("canned", "expected"),
    [
        (
            Canned("author=acme", status=500, times=100),
            "ram-extract snapshot: listing the models of acme failed: HTTP 500 Internal Server "
            "Error after 4 attempts to {url}; the landing is unchanged, try again later\n",
        ),
        (
            Canned("author=acme", status=401),
            "ram-extract snapshot: listing the models of acme: the Hub answered HTTP 401 "
            "Unauthorized; check HF_TOKEN (a token is optional for public models)\n",
        ),
    ],
)
def test_cli_failure_is_one_line_without_the_token(
    hub: FakeHub,
    sleeps: list[float],
    tmp_path: Path,
    raw_root: Path,
    capsys: pytest.CaptureFixture[str],
    canned: Canned,
    expected: str,
) -> None:
    hub.canned.append(canned)

    code = run_cli("--tracked", str(write_tracked(tmp_path, TRACKED)), "--raw-root", str(raw_root))

    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err == expected.format(url=hub.url)
    assert TOKEN not in err
    assert not raw_root.exists()


def test_cli_refuses_a_future_date(
    tmp_path: Path, raw_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)

    assert run_cli("--raw-root", str(raw_root), "--snapshot-date", str(tomorrow)) == 1

    assert "is after today" in capsys.readouterr().err
    assert not raw_root.exists()


def test_cli_reports_a_write_failure_in_one_line(
    hub: FakeHub,
    sleeps: list[float],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    raw_root: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tracked = write_tracked(tmp_path, TRACKED)
    raw_root.mkdir()
    (raw_root / landing.DATASET_DIR).write_text("a file where the dataset directory should be")

    code = run_cli(
        "--tracked", str(tracked), "--raw-root", str(raw_root), "--snapshot-date", str(DATE)
    )

    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(
        f"ram-extract snapshot: writing the {DATE} snapshot under {raw_root} failed"
    )
    assert err.count("\n") == 1


def test_installed_command_fails_in_one_line_on_a_bad_answer(hub: FakeHub, tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("ram-extract")
    if not command.exists():
        pytest.skip("ram-extract is not installed next to this Python")
    hub.canned.append(Canned("author=acme", body=b"<html>maintenance</html>"))
    raw_root = tmp_path / "raw"

    result = subprocess.run(
        [
            command,
            "snapshot",
            "--tracked",
            write_tracked(tmp_path, TRACKED),
            "--raw-root",
            raw_root,
        ],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
        check=False,
    )

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(
        "ram-extract snapshot: listing the models of acme: the Hub's answer is not the expected "
        "model JSON (JSONDecodeError"
    )
    assert result.stderr.count("\n") == 1
    assert TOKEN not in result.stderr
    assert not raw_root.exists()
