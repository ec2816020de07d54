"""InterPro entries and their InterPro2GO mappings, as stored."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InterProEntry:
    interpro_id: str
    name: str


@dataclass(frozen=True, slots=True)
class InterProGoLink:
    """`interpro_id` maps to `go_id` in release `version` of the InterPro2GO file."""

    interpro_id: str
    go_id: str
    version: str
    go_name: str | None = None
