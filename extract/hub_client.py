"""Hub access for the snapshot job, through ``huggingface_hub.HfApi``.

Every request goes through one retrying transport. ``huggingface_hub`` retries
listings on its own (fixed sleeps, no request timeout) but not ``model_info``;
routing both through the transport gives them the same bounded policy, a
timeout, a request count for the summary, and sleeps that tests can make tiny.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

import httpx2
from huggingface_hub import HfApi, set_client_factory
from huggingface_hub.errors import (
    DisabledRepoError,
    HfHubHTTPError,
    HFValidationError,
    OfflineModeIsEnabled,
    RepositoryNotFoundError,
)
from huggingface_hub.hf_api import ModelInfo
from huggingface_hub.utils import parse_ratelimit_headers

# Private names: the library's request hook keeps HF_HUB_OFFLINE and request ids
# working on our client, and its default factory is what we put back afterwards.
from huggingface_hub.utils._http import default_client_factory, hf_request_event_hook

EXPAND = [
    "createdAt",
    "downloads",
    "downloadsAllTime",
    "likes",
    "safetensors",
    "pipeline_tag",
    "library_name",
]
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
RETRY_EXCEPTIONS = (httpx2.TimeoutException, httpx2.NetworkError, httpx2.RemoteProtocolError)


class HubError(Exception):
    """The Hub failed or answered unexpectedly; one line: what, which, what to do."""


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try one request before giving up."""

    max_attempts: int = 6
    base_wait: float = 1.0
    max_wait: float = 30.0
    # The Hub's rate-limit windows are 5 minutes; a longer wait means try tomorrow.
    max_rate_limit_wait: float = 600.0
    timeout: float = 30.0
    sleep: Callable[[float], None] = time.sleep

    def backoff(self, attempt: int) -> float:
        return min(self.max_wait, self.base_wait * 2 ** (attempt - 1))


# Read when a HubClient is made without a policy, so tests can swap in one without sleeps.
DEFAULT_POLICY = RetryPolicy()


@dataclass(frozen=True)
class HubModel:
    """One model's counters and metadata, validated."""

    model_id: str
    downloads_all_time: int
    downloads_30d: int | None
    likes: int | None
    created_at: dt.datetime | None
    params_total: int | None
    pipeline_tag: str | None
    library_name: str | None


class _GaveUp(Exception):
    """Retries are exhausted. Not an httpx error, so huggingface_hub does not retry it again."""


class _RetryingClient(httpx2.Client):
    """The client huggingface_hub uses while a HubClient is open.

    Retrying in ``send`` (rather than in a transport) keeps httpx's proxy and
    redirect handling. Only model API requests are retried and counted:
    huggingface_hub's own side requests (it fetches an agent-detection list for
    its User-Agent) keep the library's behaviour.
    """

    def __init__(self, policy: RetryPolicy) -> None:
        super().__init__(
            event_hooks={"request": [hf_request_event_hook, self._count_request]},
            follow_redirects=True,
        )
        self._policy = policy
        self.requests = 0

    def _count_request(self, request: httpx2.Request) -> None:
        if _is_model_api(request):
            self.requests += 1

    def send(self, request: httpx2.Request, **kwargs: Any) -> httpx2.Response:
        if not _is_model_api(request):
            return super().send(request, **kwargs)
        # huggingface_hub sends timeout=None (no limit); a stalled Hub must not hang the job.
        request.extensions = {
            **request.extensions,
            "timeout": httpx2.Timeout(self._policy.timeout).as_dict(),
        }
        failure = ""
        for attempt in range(1, self._policy.max_attempts + 1):
            try:
                response = super().send(request, **kwargs)
            except RETRY_EXCEPTIONS as error:
                failure = f"{type(error).__name__} ({str(error) or 'no detail'})"
                wait = self._policy.backoff(attempt)
            else:
                if response.status_code not in RETRY_STATUSES:
                    return response
                response.close()
                failure = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
                asked = _server_wait(response)
                wait = self._policy.backoff(attempt) if asked is None else asked
                if wait > self._policy.max_rate_limit_wait:
                    raise _GaveUp(f"{failure}, and the Hub asks to wait {wait:.0f} s")
            if attempt < self._policy.max_attempts:
                self._policy.sleep(wait)
        origin = f"{request.url.scheme}://{request.url.netloc.decode()}"
        raise _GaveUp(f"{failure} after {self._policy.max_attempts} attempts to {origin}")


def _is_model_api(request: httpx2.Request) -> bool:
    return "/api/models" in request.url.path


def _server_wait(response: httpx2.Response) -> float | None:
    """Seconds the Hub asks us to wait: its RateLimit reset on a 429, else Retry-After."""
    if response.status_code == 429:
        limit = parse_ratelimit_headers(response.headers)
        if limit is not None and limit.remaining == 0:
            return float(limit.reset_in_seconds)
    value = response.headers.get("Retry-After", "").strip()
    if value.isdigit():
        return float(value)
    if value:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:  # an HTTP-date is GMT even when it says -0000
            when = when.replace(tzinfo=dt.UTC)
        return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
    return None


def hub_endpoint() -> str | None:
    """HF_ENDPOINT as set now: huggingface_hub reads it only once, at import."""
    return os.environ.get("HF_ENDPOINT", "").rstrip("/") or None


class HubClient:
    """Listings and look-ups on the Hub; HF_ENDPOINT and HF_TOKEN apply as usual.

    Use as a context manager: it installs the retrying client for
    ``huggingface_hub`` and puts the library's own client back on exit.
    """

    def __init__(self, policy: RetryPolicy | None = None) -> None:
        self._policy = policy or DEFAULT_POLICY
        self._clients: list[_RetryingClient] = []
        self._api = HfApi(endpoint=hub_endpoint(), library_name="ram-score")

    @property
    def requests(self) -> int:
        """Requests sent so far, retries included."""
        return sum(client.requests for client in self._clients)

    def __enter__(self) -> Self:
        set_client_factory(self._new_client)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        set_client_factory(default_client_factory)

    def _new_client(self) -> httpx2.Client:
        # get_session() makes a new client whenever the shared one was closed: count them all.
        client = _RetryingClient(self._policy)
        self._clients.append(client)
        return client

    def list_author(self, author: str, on_model: Callable[[], object]) -> list[HubModel]:
        """Every model of ``author``, all pages; ``on_model`` is called as each arrives."""
        what = f"listing the models of {author}"
        infos = []
        with _hub_errors(what):
            for info in self._api.list_models(author=author, expand=EXPAND):
                infos.append(info)
                on_model()
        return [_to_hub_model(info, what) for info in infos]

    def model(self, model_id: str) -> HubModel | None:
        """One model, or None when the Hub no longer has it under that name."""
        what = f"looking up {model_id}"
        with _hub_errors(what):
            try:
                info = self._api.model_info(model_id, expand=EXPAND)
            except (RepositoryNotFoundError, DisabledRepoError):
                return None
            except HfHubHTTPError as error:
                # A 404 without the Hub's error code still means "no such model".
                if error.response.status_code == 404:
                    return None
                raise
        return _to_hub_model(info, what)


@contextmanager
def _hub_errors(what: str) -> Iterator[None]:
    """Turn what huggingface_hub raises into one-line HubErrors."""
    try:
        yield
    except _GaveUp as error:
        raise HubError(
            f"{what} failed: {error}; the landing is unchanged, try again later"
        ) from error
    except OfflineModeIsEnabled as error:
        raise HubError(f"{what}: HF_HUB_OFFLINE is set; unset it to take a snapshot") from error
    except HFValidationError as error:
        raise HubError(f"{what}: {_first_line(error)}; fix the tracked list") from error
    except HfHubHTTPError as error:
        status = error.response.status_code
        hint = (
            "check HF_TOKEN (a token is optional for public models)"
            if status in (401, 403)
            else "check HF_ENDPOINT and the tracked list"
        )
        raise HubError(
            f"{what}: the Hub answered HTTP {status} {error.response.reason_phrase}; {hint}"
        ) from error
    # huggingface_hub decodes the JSON and builds ModelInfo inside these calls;
    # these are what a body that is not a model (list) makes it raise.
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise HubError(
            f"{what}: the Hub's answer is not the expected model JSON "
            f"({type(error).__name__}: {_first_line(error)}); check that HF_ENDPOINT is a Hub"
        ) from error


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else "no detail"


def _to_hub_model(info: ModelInfo, what: str) -> HubModel:
    model_id = info.id
    if not isinstance(model_id, str) or not model_id:
        raise HubError(f"{what}: the Hub returned a model whose id is {model_id!r}")
    where = f"{what}: model {model_id}"
    downloads_all_time = _count(info.downloads_all_time, "downloadsAllTime", where)
    if downloads_all_time is None:
        raise HubError(f"{where} has no downloadsAllTime; check that HF_ENDPOINT supports expand")
    safetensors = info.safetensors
    return HubModel(
        model_id=model_id,
        downloads_all_time=downloads_all_time,
        downloads_30d=_count(info.downloads, "downloads", where),
        likes=_count(info.likes, "likes", where),
        # Already parsed by ModelInfo, as an aware UTC datetime.
        created_at=info.created_at,
        params_total=_count(safetensors.total, "safetensors.total", where) if safetensors else None,
        pipeline_tag=_text(info.pipeline_tag, "pipeline_tag", where),
        library_name=_text(info.library_name, "library_name", where),
    )


def _count(value: object, field: str, where: str) -> int | None:
    if value is None:
        return None
    # bool is an int in Python, but never a count in JSON.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise HubError(f"{where}: {field} is {value!r}, not a count")
    return value


def _text(value: object, field: str, where: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise HubError(f"{where}: {field} is {value!r}, not a string")
