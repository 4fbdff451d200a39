"""The HTML report in a real browser: Debian's chromium, headless, no network.

The page is loaded from a file:// URL and driven over the Chrome DevTools
Protocol. Any console error, uncaught exception or request that is not
file:// or data: fails the test. A screenshot is kept as
test-artifacts/report.png. CI installs chromium (`make browser`); elsewhere
the tests are skipped when it is missing.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import websocket
from dbt_helpers import PROJECT_ROOT, DbtProject

from extract.demo import write_demo_landing
from extract.report import main as ram_report

CHROMIUM = os.environ.get("RAM_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
TIMEOUT_SECONDS = 30

pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None and not os.environ.get("CI"),
    reason=f"{CHROMIUM} not installed (make browser installs Debian's chromium)",
)


class ChromiumPage:
    """One headless chromium with one page, over the DevTools protocol."""

    def __init__(self, profile_dir: Path) -> None:
        self.process = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                # No name resolves: a request that slipped through could not leave.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                f"--user-data-dir={profile_dir}",
                "--remote-debugging-port=0",
                "--window-size=1280,1000",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.events: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self.socket = websocket.create_connection(self._devtools_url(), timeout=TIMEOUT_SECONDS)
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable", session=True)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": False},
            session=True,
        )

    def _devtools_url(self) -> str:
        assert self.process.stderr is not None
        deadline = time.monotonic() + TIMEOUT_SECONDS
        for line in self.process.stderr:
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match:
                return match.group(1)
            if time.monotonic() > deadline:
                break
        raise RuntimeError("chromium did not start its DevTools endpoint")

    def _receive(self) -> dict[str, Any]:
        message = json.loads(self.socket.recv())
        if "method" in message:
            self.events.append(message)
        return message

    def call(
        self, method: str, params: dict[str, Any] | None = None, session: bool = False
    ) -> dict[str, Any]:
        message_id = next(self._ids)
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        self.socket.send(json.dumps(message))
        while True:
            reply = self._receive()
            if reply.get("id") == message_id:
                assert "error" not in reply, f"{method}: {reply['error']}"
                return reply.get("result", {})

    def wait_for_event(self, method: str) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT_SECONDS
        seen = len(self.events)
        while time.monotonic() < deadline:
            for event in self.events[seen:]:
                if event["method"] == method:
                    return event
            seen = len(self.events)
            self._receive()
        raise TimeoutError(method)

    def evaluate(self, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            session=True,
        )
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def open(self, url: str) -> None:
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_for_event("Page.loadEventFired")
        # Let anything the page schedules after load run (and fail) before checking.
        self.evaluate("new Promise(resolve => setTimeout(resolve, 200))")

    def press(self, key: str, code: str, key_code: int) -> None:
        for event_type in ("keyDown", "keyUp"):
            self.call(
                "Input.dispatchKeyEvent",
                {"type": event_type, "key": key, "code": code, "windowsVirtualKeyCode": key_code},
                session=True,
            )

    def screenshot(self, path: Path) -> None:
        result = self.call(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=True
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(result["data"]))

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions, error log entries and network requests."""
        found = []
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                found.append(f"exception: {params.get('exceptionDetails')}")
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(f"log: {params['entry'].get('text')} {params['entry'].get('url')}")
            elif method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if not url.startswith(("file:", "data:")):
                    found.append(f"network request: {url}")
        return found

    def close(self) -> None:
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="module")
def report_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built in a temporary copy of the project, and its report."""
    project = DbtProject.copy_to(tmp_path_factory.mktemp("report"))
    write_demo_landing(project.raw_root, PROJECT_ROOT / "seeds" / "tracked_models.csv")
    project.build()
    path = project.root.parent / "report" / "index.html"
    exit_code = ram_report(
        [
            "html",
            "--duckdb-path",
            str(project.duckdb_path),
            "--raw-root",
            str(project.raw_root),
            "--output",
            str(path),
        ]
    )
    assert exit_code == 0
    return path


@pytest.fixture
def page(tmp_path: Path) -> Iterator[ChromiumPage]:
    browser = ChromiumPage(tmp_path / "chromium-profile")
    try:
        yield browser
    finally:
        browser.close()


def _chart_state(page: ChromiumPage) -> dict[str, Any]:
    return page.evaluate(
        """(() => {
          const svg = document.querySelector('#chart svg');
          const median = document.getElementById('median-line');
          return {
            svg: svg ? svg.outerHTML : '',
            bucket: svg ? svg.getAttribute('data-bucket') : null,
            median: median ? median.getAttribute('d') : '',
            band: document.getElementById('iqr-band') !== null,
            markers: document.querySelectorAll('#milestone-markers circle').length,
            modelLines: document.querySelectorAll('#model-lines path').length,
            legend: document.getElementById('legend').textContent,
            size: document.getElementById('size-select').value,
            sizes: Array.from(document.getElementById('size-select').options, o => o.value),
          };
        })()"""
    )


def test_report_renders_offline_without_errors(report_path: Path, page: ChromiumPage) -> None:
    page.open(report_path.as_uri())
    state = _chart_state(page)
    page.screenshot(ARTIFACTS / "report.png")

    assert page.problems() == []
    assert "<svg" in state["svg"]
    # The median line has a point for most days of the default range.
    assert state["median"].startswith("M") and state["median"].count("L") > 50
    assert state["band"]
    assert state["markers"] >= 5
    assert state["modelLines"] >= 2
    assert "Median of the top 10" in state["legend"]
    # Defaults: the bucket with the most models in the recent table (the demo's 250B+).
    assert state["size"] == "250B+"

    table = page.evaluate(
        """(() => ({
          rows: document.querySelectorAll('#recent-table tbody tr').length,
          above: document.querySelectorAll('#recent-table td.score[class*="above"]').length,
          below: document.querySelectorAll('#recent-table td.score[class*="below"]').length,
          dataDate: document.getElementById('data-date').textContent,
          synthetic: document.querySelector('.synthetic') !== null,
          scripts: Array.from(document.scripts, s => s.src).filter(Boolean),
          links: Array.from(document.querySelectorAll('link[href]'), l => l.href),
        }))()"""
    )
    assert table["rows"] > 20
    assert table["above"] > 0 and table["below"] > 0
    assert table["dataDate"] == "2026-01-11"
    assert table["synthetic"]
    assert table["scripts"] == []
    assert all(href.startswith("data:") for href in table["links"])


def test_size_selector_changes_the_chart(report_path: Path, page: ChromiumPage) -> None:
    page.open(report_path.as_uri())
    before = _chart_state(page)
    other = next(size for size in before["sizes"] if size != before["size"])

    page.evaluate(
        f"""(() => {{
          const select = document.getElementById('size-select');
          select.value = {json.dumps(other)};
          select.dispatchEvent(new Event('change', {{ bubbles: true }}));
        }})()"""
    )
    after = _chart_state(page)
    assert after["bucket"] == other
    assert after["svg"] != before["svg"]
    assert after["median"] and after["median"] != before["median"]
    assert f"of {other}" in after["legend"]

    # Keyboard: focus the selector and press the down arrow.
    page.evaluate("document.getElementById('size-select').focus()")
    page.press("ArrowDown", "ArrowDown", 40)
    by_keyboard = _chart_state(page)
    assert by_keyboard["size"] != other
    assert by_keyboard["bucket"] == by_keyboard["size"]
    assert by_keyboard["svg"] != after["svg"]
    assert page.problems() == []
