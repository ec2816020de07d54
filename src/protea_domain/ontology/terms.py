"""GO terms, typed edges and the ontology snapshot (one OBO release) they belong to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from protea_domain.annotations.aspect import Aspect

IS_A = "is_a"
PART_OF = "part_of"
PROPAGATION_RELATIONS = frozenset({IS_A, PART_OF})
"""The relations annotations are propagated over (true path rule)."""


@dataclass(frozen=True, slots=True)
class OntologySnapshot:
    """One ontology release, unique by `data_version` (re-importing it is a no-op)."""

    id: UUID
    data_version: str
    loaded_at: datetime
    format_version: str | None = None
    source: str | None = None
    term_count: int = 0
    relationship_count: int = 0


@dataclass(frozen=True, slots=True)
class GoTerm:
    """A GO term of a snapshot. Obsolete terms are kept (annotations may name them)."""

    go_id: str
    name: str | None
    aspect: Aspect | None
    is_obsolete: bool = False
    alt_ids: tuple[str, ...] = ()
    definition: str | None = None
    replaced_by: tuple[str, ...] = ()
    consider: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TermRelationship:
    """A typed edge `child --relation--> parent` (`is_a`, `part_of`, `regulates`, ...)."""

    child: str
    parent: str
    relation: str
