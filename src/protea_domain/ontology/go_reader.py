"""Reading a GO OBO release into a snapshot's terms and typed edges (wraps `iter_obo`).

The OBO parser's `OboParseError` is re-raised as `ParseError` (an `InvalidInputError`, so a job
fails permanently) keeping source, line and field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from protea_domain.annotations.aspect import Aspect, parse_aspect
from protea_domain.ontology.errors import OboParseError
from protea_domain.ontology.obo_parser import OboHeader, OboTerm, iter_obo
from protea_domain.ontology.terms import IS_A, GoTerm, TermRelationship
from protea_domain.parsing.errors import FatalParseError, ParseError
from protea_domain.parsing.fields import FieldError


@dataclass(frozen=True, slots=True)
class GoRelease:
    """A parsed release: its header, terms (live and obsolete) and typed edges."""

    header: OboHeader
    terms: tuple[GoTerm, ...]
    relationships: tuple[TermRelationship, ...]

    @property
    def data_version(self) -> str | None:
        return self.header.data_version


def read_go_release(lines: Iterable[str], source: str) -> GoRelease:
    """Parse every `[Term]` of an OBO file. Raises `ParseError` naming source, line and field
    (a term with an unknown namespace, a malformed line), `FatalParseError` if the file has
    no `data-version` header or two stanzas share an id."""
    header = OboHeader()
    terms: list[GoTerm] = []
    edges: list[TermRelationship] = []
    seen: dict[str, int] = {}
    try:
        for item in iter_obo(lines, source):
            if isinstance(item, OboHeader):
                header = item
                continue
            if item.id in seen:
                raise FatalParseError(
                    f"term defined twice (first at line {seen[item.id]})",
                    source=source,
                    line=item.line,
                    field="id",
                    reason="duplicate",
                )
            seen[item.id] = item.line
            terms.append(_term(item, header, source))
            edges.extend(TermRelationship(item.id, parent, IS_A) for parent in item.is_a)
            edges.extend(
                TermRelationship(item.id, rel.target, rel.type) for rel in item.relationships
            )
    except OboParseError as error:
        raise ParseError(
            str(error).split(": ", 2)[-1],
            source=error.source,
            line=error.line,
            field=error.field,
            reason="invalid_value",
        ) from None
    if not header.data_version:
        raise FatalParseError(
            "missing data-version header",
            source=source,
            line=1,
            field="data-version",
            reason="missing_value",
        )
    return GoRelease(header, tuple(terms), tuple(edges))


def _term(item: OboTerm, header: OboHeader, source: str) -> GoTerm:
    namespace = item.namespace or header.default_namespace
    aspect: Aspect | None = None
    if namespace is not None:
        try:
            aspect = parse_aspect(namespace, "namespace")
        except FieldError as error:
            raise error.at(source, item.line) from None
    return GoTerm(
        go_id=item.id,
        name=item.name,
        aspect=aspect,
        is_obsolete=item.is_obsolete,
        alt_ids=item.alt_ids,
        definition=item.definition,
        replaced_by=item.replaced_by,
        consider=item.consider,
    )
