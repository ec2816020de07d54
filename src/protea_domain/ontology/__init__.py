"""Ontology concepts: OBO parsing and the typed terms it yields."""

from protea_domain.ontology.errors import OboParseError
from protea_domain.ontology.obo_parser import (
    OboDocument,
    OboHeader,
    OboRelationship,
    OboTerm,
    iter_obo,
    parse_obo,
)

__all__ = [
    "OboDocument",
    "OboHeader",
    "OboParseError",
    "OboRelationship",
    "OboTerm",
    "iter_obo",
    "parse_obo",
]
