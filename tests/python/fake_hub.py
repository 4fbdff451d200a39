"""A stand-in Hugging Face Hub on 127.0.0.1, so the real huggingface_hub client runs over HTTP.

It serves ``/api/models?author=...`` with Link-header pagination and
``/api/models/{id}``, answers only the ``expand`` fields asked for (as the Hub
does), and can be told to misbehave: canned answers with any status, headers,
body or delay for the requests whose path and query contain a given text.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

Model = dict[str, object]


def hub_model(model_id: str, downloads_all_time: int, **fields: object) -> Model:
    """A model as the Hub's JSON has it, with plausible defaults for the other fields."""
    return {
        "id": model_id,
        "createdAt": "2025-01-02T03:04:05.000Z",
        "downloads": downloads_all_time // 10,
        "downloadsAllTime": downloads_all_time,
        "likes": 3,
        "safetensors": {"parameters": {"BF16": 7_000_000_000}, "total": 7_000_000_000},
        "pipeline_tag": "text-generation",
        "library_name": "transformers",
        **fields,
    }


@dataclass
class Canned:
    """The answer to the next ``times`` requests whose path and query contain ``match``."""

    match: str
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    times: int = 1
    delay: float = 0.0


@dataclass
class _Answer:
    status: int
    body: bytes
    headers: dict[str, str]
    delay: float = 0.0


class FakeHub:
    def __init__(self, models: list[Model], *, page_size: int = 2) -> None:
        self.models = {str(model["id"]): model for model in models}
        # Served by /api/models/{id} but left out of listings, like a model the token can see.
        self.unlisted: dict[str, Model] = {}
        self.renamed: dict[str, str] = {}
        self.page_size = page_size
        self.canned: list[Canned] = []
        self.requests: list[str] = []
        self.authorizations: list[str | None] = []
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.hub = self
        # A short poll interval: shutdown() waits for one, once per test.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def requests_to(self, text: str) -> list[str]:
        return [request for request in self.requests if text in request]

    def answer(self, target: str, authorization: str | None) -> _Answer:
        with self._lock:
            self.requests.append(target)
            self.authorizations.append(authorization)
            for canned in self.canned:
                if canned.times > 0 and canned.match in target:
                    canned.times -= 1
                    return _Answer(canned.status, canned.body, canned.headers, canned.delay)
        parts = urlsplit(target)
        query = parse_qs(parts.query)
        if parts.path == "/api/models":
            return self._listing(query)
        if parts.path.startswith("/api/models/"):
            return self._model(unquote(parts.path.removeprefix("/api/models/")), query)
        return _json(404, {"error": "not found"})

    def _listing(self, query: dict[str, list[str]]) -> _Answer:
        author = query.get("author", [""])[0]
        cursor = int(query.get("cursor", ["0"])[0])
        ids = sorted(model_id for model_id in self.models if model_id.startswith(f"{author}/"))
        page = ids[cursor : cursor + self.page_size]
        headers = {}
        if cursor + self.page_size < len(ids):
            # Like the Hub: the next link carries the whole query, the client adds nothing.
            next_query = urlencode({**query, "cursor": [str(cursor + self.page_size)]}, doseq=True)
            headers["Link"] = f'<{self.url}/api/models?{next_query}>; rel="next"'
        expand = query.get("expand", [])
        return _json(200, [_expanded(self.models[model_id], expand) for model_id in page], headers)

    def _model(self, model_id: str, query: dict[str, list[str]]) -> _Answer:
        if model_id in self.renamed:
            return _Answer(307, b"", {"Location": f"/api/models/{self.renamed[model_id]}"})
        model = self.models.get(model_id) or self.unlisted.get(model_id)
        if model is None:
            return _json(404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"})
        return _json(200, _expanded(model, query.get("expand", [])))


def _expanded(model: Model, expand: list[str]) -> Model:
    if not expand:
        return model
    return {"_id": f"fake-{model['id']}", "id": model["id"]} | {
        name: model[name] for name in expand if name in model
    }


def _json(status: int, payload: object, headers: dict[str, str] | None = None) -> _Answer:
    return _Answer(
        status, json.dumps(payload).encode(), {"Content-Type": "application/json"} | (headers or {})
    )


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    hub: FakeHub

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that timed out hangs up before a delayed answer: expected, not noise.
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        answer = self.server.hub.answer(self.path, self.headers.get("Authorization"))
        time.sleep(answer.delay)
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    def log_message(self, format: str, *args: object) -> None:
        pass
