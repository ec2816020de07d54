"""InterPro repository port."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from protea_domain.annotations.interpro import InterProEntry, InterProGoLink


class InterProRepository(Protocol):
    """InterPro entries and InterPro2GO links, inside the owning unit of work."""

    def add_entries(self, entries: Sequence[InterProEntry]) -> int:
        """Insert new entries and rename existing ones. Idempotent. Returns how many were new."""
        ...

    def replace_links(self, version: str, links: Sequence[InterProGoLink]) -> None:
        """Replace every link of mapping release `version` by `links` (idempotent). Every
        InterPro id must be stored (else `NotFoundError`)."""
        ...

    def go_terms_of(self, interpro_id: str, version: str) -> list[str]:
        """GO ids mapped from an entry in a release, sorted. Empty when none."""
        ...

    def entry(self, interpro_id: str) -> InterProEntry:
        """Raises `NotFoundError`."""
        ...

    def versions(self) -> list[str]:
        """Mapping releases stored, sorted."""
        ...
