"""The UniProtKB REST search endpoint (`/uniprotkb/search`) with cursor pagination.

Each response carries `X-Total-Results` and, while more results follow, a
`Link: <next-url>; rel="next"` header whose URL holds the cursor."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator

from protea_adapters.http.client import get
from protea_adapters.http.retry import HttpRetryPolicy
from protea_domain.ports.uniprot_search import SearchPage, UniProtSearch

DEFAULT_SEARCH_URL = "https://rest.uniprot.org/uniprotkb/search"
_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')
_ACCEPT = {"fasta": "text/plain", "tsv": "text/plain"}


def next_link(header: str | None) -> str | None:
    """The URL of the `rel="next"` link in a `Link` header, or None."""
    if not header:
        return None
    match = _NEXT.search(header)
    return match.group(1) if match else None


class UniProtRestSearch(UniProtSearch):
    def __init__(
        self,
        search_url: str = DEFAULT_SEARCH_URL,
        *,
        policy: HttpRetryPolicy | None = None,
        timeout: float = 60.0,
    ) -> None:
        self._search_url = search_url
        self._policy = policy or HttpRetryPolicy()
        self._timeout = timeout

    def first_url(self, query: str, format: str, fields: tuple[str, ...], page_size: int) -> str:
        params = {"query": query, "format": format, "size": str(page_size)}
        if fields:
            params["fields"] = ",".join(fields)
        return f"{self._search_url}?{urllib.parse.urlencode(params)}"

    def pages(
        self, query: str, *, format: str, fields: tuple[str, ...] = (), page_size: int = 500
    ) -> Iterator[SearchPage]:
        url: str | None = self.first_url(query, format, fields, page_size)
        while url is not None:
            response = get(
                url, policy=self._policy, timeout=self._timeout, accept=_ACCEPT.get(format, "*/*")
            )
            total_header = response.headers.get("X-Total-Results")
            total = int(total_header) if total_header and total_header.isdigit() else None
            text = response.body.decode("utf-8")
            yield SearchPage(tuple(text.splitlines(keepends=True)), total)
            url = next_link(response.headers.get("Link"))
