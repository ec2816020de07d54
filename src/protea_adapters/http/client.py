"""One GET with retries: 429, 5xx and dropped connections are retried per `HttpRetryPolicy`;
other 4xx fail at once. Errors are domain errors naming the URL."""

from __future__ import annotations

import http.client
import logging
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from typing import TypeVar

from protea_adapters.http.retry import RETRYABLE_STATUSES, HttpRetryPolicy
from protea_domain.errors import InvalidInputError, NotFoundError, RetryableError

logger = logging.getLogger(__name__)
USER_AGENT = "protea (https://github.com/protea; bulk data loader)"
T = TypeVar("T")
TRANSIENT = (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError)


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: Message
    body: bytes


def get(
    url: str,
    *,
    policy: HttpRetryPolicy,
    timeout: float = 60.0,
    accept: str = "*/*",
) -> HttpResponse:
    """GET `url`, reading the whole body (see `fetch` for the errors)."""
    return fetch(
        url,
        lambda r: HttpResponse(r.status, r.headers, r.read()),
        policy=policy,
        timeout=timeout,
        accept=accept,
    )


def fetch(
    url: str,
    consume: Callable[[http.client.HTTPResponse], T],
    *,
    policy: HttpRetryPolicy,
    timeout: float = 60.0,
    accept: str = "*/*",
) -> T:
    """GET `url` and hand the open response to `consume` (again on each retry). Raises
    `NotFoundError` (404), `InvalidInputError` (another 4xx), `RetryableError` once retries are
    spent on 429/5xx/connection failures (including one that drops mid-body)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
    last = ""
    for attempt in range(1, policy.attempts + 1):
        retry_after: str | None = None
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return consume(response)
        except urllib.error.HTTPError as error:
            if error.code not in RETRYABLE_STATUSES:
                detail = error.read()[:200].decode("utf-8", "replace")
                if error.code == 404:
                    raise NotFoundError(f"{url}: HTTP 404 {detail}") from None
                raise InvalidInputError(f"HTTP {error.code} {detail}", location=url) from None
            retry_after = error.headers.get("Retry-After")
            last = f"HTTP {error.code}"
        except TRANSIENT as error:
            last = f"{type(error).__name__}: {error}"
        if attempt < policy.attempts:
            wait = policy.delay(attempt, retry_after)
            logger.warning("GET %s failed (%s), retry %d in %.2f s", url, last, attempt, wait)
            policy.sleep(wait)
    raise RetryableError(f"{url}: gave up after {policy.attempts} attempts ({last})")
