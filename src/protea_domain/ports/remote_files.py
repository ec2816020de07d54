"""Remote file port: fetching a URL to a local file before a load."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol


class RemoteFiles(Protocol):
    """Downloads `url` (http, https, ftp) to a local temporary file and returns its path; the
    caller deletes it. Transient failures raise `RetryableError`, a missing file `NotFoundError`.
    Idempotent."""

    def fetch(self, url: str) -> Path: ...
