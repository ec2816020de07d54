"""One GAF 2.x annotation line, every column kept verbatim."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from protea_domain.annotations.aspect import Aspect
from protea_domain.annotations.qualifiers import NOT, split_qualifiers

GAF_COLUMNS = (
    "db",
    "db_object_id",
    "db_object_symbol",
    "qualifier",
    "go_id",
    "db_reference",
    "evidence_code",
    "with_from",
    "aspect",
    "db_object_name",
    "db_object_synonym",
    "db_object_type",
    "taxon",
    "date",
    "assigned_by",
    "annotation_extension",
    "gene_product_form_id",
)


@dataclass(frozen=True, slots=True)
class GafAnnotation:
    """The 17 GAF columns as written (`aspect` as an `Aspect`, equal to its letter), plus the
    parsed taxa, the GAF version of the file and the 1-based line number."""

    db: str
    db_object_id: str
    db_object_symbol: str
    qualifier: str
    go_id: str
    db_reference: str
    evidence_code: str
    with_from: str
    aspect: Aspect
    db_object_name: str
    db_object_synonym: str
    db_object_type: str
    taxon: str
    date: str
    assigned_by: str
    annotation_extension: str
    gene_product_form_id: str
    taxon_id: int
    interacting_taxon_id: int | None
    gaf_version: str
    line: int

    @property
    def qualifiers(self) -> tuple[str, ...]:
        return split_qualifiers(self.qualifier)

    @property
    def negated(self) -> bool:
        """True for a NOT annotation (never transferred)."""
        return NOT in self.qualifiers

    @property
    def relation(self) -> str | None:
        """The qualifier other than NOT (GAF 2.2 relation), or None."""
        return next((q for q in self.qualifiers if q != NOT), None)

    @property
    def references(self) -> tuple[str, ...]:
        return tuple(self.db_reference.split("|"))

    @property
    def annotation_date(self) -> dt.date:
        return dt.date(int(self.date[:4]), int(self.date[4:6]), int(self.date[6:]))

    def columns(self) -> tuple[str, ...]:
        """The 17 columns in file order, as written."""
        return tuple(str(getattr(self, name)) for name in GAF_COLUMNS)
