"""UniProt search port: the UniProtKB REST search endpoint, page by page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of results as text lines (FASTA or TSV, header included on every TSV page),
    and the total number of results the server announced (`X-Total-Results`), if any."""

    lines: tuple[str, ...]
    total: int | None


class UniProtSearch(Protocol):
    """Streams every page of a UniProtKB query, following the cursor the server hands out
    (`Link: <...>; rel="next"`) until there is none. Transient failures (HTTP 429, 5xx, a
    dropped connection) are retried with exponential backoff honouring `Retry-After`; when
    retries run out `RetryableError` is raised; a 4xx other than 429 raises
    `InvalidInputError`. Not transactional; restarting re-reads from the first page."""

    def pages(
        self, query: str, *, format: str, fields: tuple[str, ...] = (), page_size: int = 500
    ) -> Iterator[SearchPage]: ...
