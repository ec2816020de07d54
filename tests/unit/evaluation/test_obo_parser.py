"""The OBO 1.2 parser: real files, escapes and modifiers, errors naming file/line/field."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protea_domain.ontology import (
    OboHeader,
    OboParseError,
    OboRelationship,
    OboTerm,
    iter_obo,
    parse_obo,
)
from tests.unit.evaluation.oracle import shared_data

GO = shared_data() / "go"


def _read(path: Path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return handle.readlines()


@pytest.mark.parametrize("name", ["go-basic-2022-07-01.obo.gz", "go-2014-01.obo.gz"])
def test_go_files_match_their_recorded_counts(name: str) -> None:
    stats = json.loads((GO / "go_obo_stats.json").read_text())[name]
    doc = parse_obo(_read(GO / name), name)
    assert doc.header.format_version == stats["format_version"]
    assert doc.header.data_version == stats["data_version"]
    assert len(doc.terms) == stats["terms_total"]
    assert sum(not t.is_obsolete for t in doc.terms) == stats["terms_live"]
    assert sum(len(t.alt_ids) for t in doc.terms) == stats["alt_id"]
    edges = Counter(r.type for t in doc.terms for r in t.relationships)
    edges["is_a"] = sum(len(t.is_a) for t in doc.terms)
    assert dict(edges) == stats["edges_per_relation"]
    live = Counter(t.namespace for t in doc.terms if not t.is_obsolete)
    assert dict(live) == stats["terms_live_per_namespace"]


def test_go_slim_with_full_syntax() -> None:
    path = shared_data() / "formats" / "obo" / "goslim_generic.obo"
    doc = parse_obo(_read(path), str(path))
    assert doc.header.ontology == "go/subsets/goslim_generic"
    assert doc.header.data_version is None
    assert len(doc.terms) == 149
    assert all(t.definition for t in doc.terms)
    assert {t.namespace for t in doc.terms} == {
        "biological_process",
        "molecular_function",
        "cellular_component",
    }


@pytest.mark.parametrize(
    "path",
    [
        shared_data() / "cafa-example" / "idpo" / "IDPO_disorder_function.obo",
        shared_data() / "cafa-example" / "pk" / "go-sample.obo",
    ],
    ids=lambda p: p.name,
)
def test_cafa_example_ontologies(path: Path) -> None:
    doc = parse_obo(_read(path), str(path))
    assert doc.header.format_version == "1.2"
    assert doc.terms
    assert all(t.namespace for t in doc.terms)


def test_comments_modifiers_and_escapes() -> None:
    text = r"""format-version: 1.2
data-version: releases/x ! a comment
default-namespace: dn

[Term]
id: X:1
name: a \{braced\} name \! not a comment ! a comment
namespace: ns {modifier="1"}
def: "He said \"hi\"\nthen left! {really}" [PMID:1, GOC:x "desc"] {source="y"} ! comment
alt_id: X:9
is_a: X:0 {inferred="true"} ! parent
relationship: part_of X:2 ! whole
relationship: regulates X:3
is_obsolete: false
synonym: "ignored" EXACT []

[Typedef]
id: part_of
namespace: external
is_a: nothing

[Term]
id: X:2
is_obsolete: true
replaced_by: X:1
consider: X:3
"""
    doc = parse_obo(text.splitlines(), "inline.obo")
    assert doc.header == OboHeader("1.2", "releases/x", "dn", None)
    first, second = doc.terms
    assert first == OboTerm(
        id="X:1",
        name="a {braced} name ! not a comment",
        namespace="ns",
        definition='He said "hi"\nthen left! {really}',
        alt_ids=("X:9",),
        is_a=("X:0",),
        relationships=(OboRelationship("part_of", "X:2"), OboRelationship("regulates", "X:3")),
        line=5,
    )
    assert second.is_obsolete
    assert second.replaced_by == ("X:1",)
    assert second.consider == ("X:3",)
    assert second.namespace is None


def test_iter_obo_streams_header_first() -> None:
    items = list(iter_obo(["format-version: 1.2", "[Term]", "id: A", "[Term]", "id: B"], "s"))
    assert isinstance(items[0], OboHeader)
    assert [t.id for t in items[1:] if isinstance(t, OboTerm)] == ["A", "B"]


ERRORS = [
    ("[Term\nid: A", 1, "stanza"),
    ("[Term]\nid A", 2, "tag"),
    ("[Term]\n: value", 2, "tag"),
    ("[Term]\nname: x", 1, "id"),
    ("[Term]\nid: A\n\n[Term]\nname: y\n", 4, "id"),
    ('[Term]\nid: A\ndef: "unterminated', 3, "def"),
    ("[Term]\nid: A\ndef: not quoted", 3, "def"),
    ('[Term]\nid: A\ndef: "ok" trailing', 3, "def"),
    ("[Term]\nid: A\nis_obsolete: maybe", 3, "is_obsolete"),
    ("[Term]\nid: A\nrelationship: part_of", 3, "relationship"),
    ("[Term]\nid: A\nis_a: B {source=x", 3, "is_a"),
    ("[Term]\nid: A\nis_a: B C", 3, "is_a"),
    ("[Term]\nid: A\nname: x\\", 3, "name"),
    ("[Term]\nid: A\nname: ! only a comment", 3, "name"),
    ("[Term]\nid: A\nid: B", 3, "id"),
    ("[Term]\nid: A B", 2, "id"),
    ("[Term]\nid: A\nalt_id: ", 3, "alt_id"),
    ("format-version: 1.2\nformat-version: 1.4", 2, "format-version"),
]


@pytest.mark.parametrize(("text", "line", "field"), ERRORS)
def test_errors_name_source_line_and_field(text: str, line: int, field: str) -> None:
    with pytest.raises(OboParseError) as info:
        parse_obo(text.splitlines(), "bad.obo")
    assert (info.value.source, info.value.line, info.value.field) == ("bad.obo", line, field)
    assert str(info.value).startswith(f"bad.obo:{line}: {field}: ")
    assert isinstance(info.value, ValueError)


IDS = st.text("ABCXYZabcxyz0123456789:_.-", min_size=1, max_size=12)
TEXT = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\r\x85"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


def _escape(value: str) -> str:
    out = value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
    for char in '!{}"':
        out = out.replace(char, "\\" + char)
    return out


@st.composite
def terms(draw: st.DrawFn) -> OboTerm:
    return OboTerm(
        id=draw(IDS),
        name=draw(st.none() | TEXT),
        namespace=draw(st.none() | IDS),
        definition=draw(st.none() | TEXT),
        alt_ids=tuple(draw(st.lists(IDS, max_size=3))),
        is_obsolete=draw(st.booleans()),
        replaced_by=tuple(draw(st.lists(IDS, max_size=2))),
        consider=tuple(draw(st.lists(IDS, max_size=2))),
        is_a=tuple(draw(st.lists(IDS, max_size=3))),
        relationships=tuple(
            OboRelationship(t, target)
            for t, target in draw(st.lists(st.tuples(st.text("abc_", min_size=1), IDS), max_size=3))
        ),
    )


def _serialise(term: OboTerm, comment: bool) -> list[str]:
    tail = " ! note" if comment else ""
    lines = ["[Term]", f"id: {term.id}{tail}"]
    if term.name is not None:
        lines.append(f"name: {_escape(term.name)}{tail}")
    if term.namespace is not None:
        lines.append(f"namespace: {term.namespace}")
    if term.definition is not None:
        lines.append(f'def: "{_escape(term.definition)}" [X:1]{tail}')
    lines += [f"alt_id: {a}" for a in term.alt_ids]
    lines += [f"is_a: {p} {{m=1}}{tail}" for p in term.is_a]
    lines += [f"relationship: {r.type} {r.target}{tail}" for r in term.relationships]
    if term.is_obsolete:
        lines.append("is_obsolete: true")
    lines += [f"replaced_by: {r}" for r in term.replaced_by]
    lines += [f"consider: {c}" for c in term.consider]
    return lines


@settings(max_examples=150, deadline=None)
@given(st.lists(terms(), max_size=6), st.booleans())
def test_round_trip(items: list[OboTerm], comment: bool) -> None:
    lines = ["format-version: 1.2", "data-version: v1", ""]
    starts = []
    for term in items:
        starts.append(len(lines) + 1)
        lines += [*_serialise(term, comment), ""]
    doc = parse_obo(lines, "gen.obo")
    expected = tuple(
        OboTerm(**{**{f: getattr(t, f) for f in OboTerm.__slots__}, "line": s})
        for t, s in zip(items, starts, strict=True)
    )
    assert doc.terms == expected
    assert doc.header.data_version == "v1"
