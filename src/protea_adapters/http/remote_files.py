"""Downloading a URL to a temporary file (with the same retries as every HTTP call)."""

from __future__ import annotations

import http.client
import shutil
import tempfile
import urllib.parse
from pathlib import Path

from protea_adapters.http.client import fetch
from protea_adapters.http.retry import HttpRetryPolicy
from protea_domain.ports.remote_files import RemoteFiles

CHUNK_BYTES = 1 << 20


class UrllibRemoteFiles(RemoteFiles):
    def __init__(
        self,
        directory: Path | None = None,
        *,
        policy: HttpRetryPolicy | None = None,
        timeout: float = 300.0,
    ) -> None:
        self._directory = directory
        self._policy = policy or HttpRetryPolicy()
        self._timeout = timeout

    def fetch(self, url: str) -> Path:
        """Stream the body to a temporary file (restarted from scratch on a retry)."""
        name = Path(urllib.parse.urlparse(url).path).name or "download"
        with tempfile.NamedTemporaryFile(
            "wb", delete=False, dir=self._directory, prefix="protea-", suffix=f"-{name}"
        ) as handle:
            target = Path(handle.name)

        def save(response: http.client.HTTPResponse) -> Path:
            with target.open("wb") as out:
                shutil.copyfileobj(response, out, CHUNK_BYTES)
            return target

        try:
            return fetch(url, save, policy=self._policy, timeout=self._timeout)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
