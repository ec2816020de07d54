"""The GAF 2.x parser: the shared GOA/MGI fixtures, malformed lines and round trips."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protea_domain.annotations import (
    Aspect,
    GafAnnotation,
    format_gaf_header,
    format_gaf_line,
    parse_gaf,
)
from protea_domain.parsing import FatalParseError, ParseError, SkippedLine, read_lines

from .support import split

LINE = (
    "UniProtKB\tP12345\tABC\t{qualifier}\tGO:0005515\tPMID:1|GO_REF:0000024\tIPI\t"
    "UniProtKB:Q1\tF\tAlpha protein\tABC|ABC1\tprotein\ttaxon:9606\t20180421\tUniProt\t\t"
)


def _gaf(version: str, *lines: str) -> list[str]:
    return [format_gaf_header(version), *(line + "\n" for line in lines)]


def _error(lines: list[str]) -> ParseError:
    with pytest.raises(ParseError) as caught:
        list(parse_gaf(lines, "x.gaf"))
    return caught.value


def test_goa_fixture_reports_lines_60_and_79(shared_data: Path) -> None:
    path = shared_data / "formats" / "gaf" / "goa_human_illegal.gaf"
    records, skipped = split(parse_gaf(read_lines(path), path.name, strict=False))
    assert len(records) + len(skipped) == 68
    assert [(s.source, s.line, s.field, s.reason) for s in skipped] == [
        ("goa_human_illegal.gaf", 60, "db_object_id", "missing_value"),
        ("goa_human_illegal.gaf", 79, "taxon", "invalid_value"),
    ]
    assert "NCBITaxon:" in skipped[1].message
    assert {r.gaf_version for r in records} == {"2.1"}
    assert {(r.db, r.taxon_id, r.db_object_type) for r in records} == {
        ("UniProtKB", 9606, "protein")
    }
    assert not any(r.negated for r in records)
    assert Counter(r.aspect for r in records) == {Aspect.P: 35, Aspect.C: 21, Aspect.F: 10}
    assert Counter(r.evidence_code for r in records) == {"IBA": 40, "IEA": 26}


def test_goa_fixture_strict_stops_at_line_60(shared_data: Path) -> None:
    path = shared_data / "formats" / "gaf" / "goa_human_illegal.gaf"
    with pytest.raises(ParseError) as caught:
        list(parse_gaf(read_lines(path), path.name))
    assert str(caught.value) == "goa_human_illegal.gaf:60: db_object_id: required value is empty"


def test_mgi_fixture_empty_symbols_are_reported(shared_data: Path) -> None:
    path = shared_data / "formats" / "gaf" / "gaf_missingsym.mgi"
    records, skipped = split(parse_gaf(read_lines(path), path.name, strict=False))
    assert len(records) == 24
    assert [(s.line, s.field) for s in skipped] == [
        (13, "db_object_symbol"),
        (25, "db_object_symbol"),
    ]
    assert Counter(r.evidence_code for r in records)["ND"] == 8
    first = records[0]
    assert (first.db_object_id, first.db_reference, first.db_object_synonym) == (
        "MGI:1918911",
        "GO_REF:0000015|MGI:MGI:2156816",
        "",
    )
    assert first.references == ("GO_REF:0000015", "MGI:MGI:2156816")
    assert first.annotation_date == dt.date(2010, 2, 9)


def test_every_column_is_kept_verbatim() -> None:
    [record] = parse_gaf(_gaf("2.1", LINE.format(qualifier="NOT|contributes_to")), "x.gaf")
    assert isinstance(record, GafAnnotation)
    assert "\t".join(record.columns()) == LINE.format(qualifier="NOT|contributes_to")
    assert record.negated
    assert record.relation == "contributes_to"
    assert record.line == 2


def test_gaf_22_relations() -> None:
    records = list(
        parse_gaf(
            _gaf("2.2", LINE.format(qualifier="enables"), LINE.format(qualifier="NOT|enables")),
            "x.gaf",
        )
    )
    assert [(r.relation, r.negated) for r in records if isinstance(r, GafAnnotation)] == [
        ("enables", False),
        ("enables", True),
    ]


@pytest.mark.parametrize(
    ("version", "qualifier", "reason"),
    [
        ("2.2", "", "missing_value"),
        ("2.2", "NOT", "missing_value"),
        ("2.2", "enables|part_of", "invalid_value"),
        ("2.2", "binds", "invalid_value"),
        ("2.1", "enables", "invalid_value"),
        ("2.1", "NOT|NOT", "invalid_value"),
        ("2.1", "contributes_to|colocalizes_with", "invalid_value"),
    ],
)
def test_bad_qualifiers(version: str, qualifier: str, reason: str) -> None:
    error = _error(_gaf(version, LINE.format(qualifier=qualifier)))
    assert (error.line, error.field, error.reason) == (2, "qualifier", reason)


def _with(column: int, value: str) -> str:
    columns = LINE.format(qualifier="").split("\t")
    columns[column] = value
    return "\t".join(columns)


@pytest.mark.parametrize(
    ("column", "value", "field"),
    [
        (0, "", "db"),
        (2, "", "db_object_symbol"),
        (4, "GO:123", "go_id"),
        (4, "go:0005515", "go_id"),
        (5, "", "db_reference"),
        (5, "PMID:1||PMID:2", "db_reference"),
        (6, "XYZ", "evidence_code"),
        (8, "function", "aspect"),
        (11, "", "db_object_type"),
        (12, "9606", "taxon"),
        (12, "taxon:9606|taxon:", "taxon"),
        (12, "taxon:1|taxon:2|taxon:3", "taxon"),
        (13, "20180230", "date"),
        (13, "2018-04-21", "date"),
        (14, "", "assigned_by"),
    ],
)
def test_malformed_fields_are_named(column: int, value: str, field: str) -> None:
    lines = [
        *_gaf("2.1", LINE.format(qualifier="")),
        "! comment\n",
        "\n",
        _with(column, value) + "\n",
    ]
    error = _error(lines)
    assert (error.source, error.line, error.field) == ("x.gaf", 5, field)


@pytest.mark.parametrize("width", [14, 18])
def test_wrong_column_count(width: int) -> None:
    columns = (LINE.format(qualifier="").split("\t") + ["x"] * 5)[:width]
    error = _error(_gaf("2.1", "\t".join(columns)))
    assert (error.line, error.field, error.reason) == (2, "columns", "column_count")


def test_fifteen_columns_are_accepted_with_empty_trailing_fields() -> None:
    columns = LINE.format(qualifier="").split("\t")[:15]
    [record] = parse_gaf(_gaf("2.0", "\t".join(columns)), "x.gaf")
    assert isinstance(record, GafAnnotation)
    assert (record.annotation_extension, record.gene_product_form_id) == ("", "")


def test_interacting_taxon() -> None:
    [record] = parse_gaf(_gaf("2.1", _with(12, "taxon:9606|taxon:562")), "x.gaf")
    assert isinstance(record, GafAnnotation)
    assert (record.taxon_id, record.interacting_taxon_id) == (9606, 562)


@pytest.mark.parametrize("strict", [True, False])
def test_missing_version_header_is_fatal_in_both_modes(strict: bool) -> None:
    with pytest.raises(FatalParseError) as caught:
        list(parse_gaf(["!comment\n", LINE.format(qualifier="") + "\n"], "x.gaf", strict=strict))
    assert (caught.value.line, caught.value.field) == (2, "gaf_version")


def test_unsupported_version_is_fatal() -> None:
    with pytest.raises(FatalParseError) as caught:
        list(parse_gaf(["!gaf-version: 1.0\n"], "x.gaf", strict=False))
    assert caught.value.reason == "unsupported_version"


def test_lenient_mode_yields_skipped_lines_in_order() -> None:
    lines = _gaf("2.1", LINE.format(qualifier=""), _with(4, "GO:1"), LINE.format(qualifier="NOT"))
    items = list(parse_gaf(lines, "x.gaf", strict=False))
    assert [type(i).__name__ for i in items] == ["GafAnnotation", "SkippedLine", "GafAnnotation"]
    assert isinstance(items[1], SkippedLine)
    assert items[1].line == 3


_CHARACTERS = "abcXYZ019:_-.()/ ,;=!é"
_text = st.text(st.sampled_from(_CHARACTERS), max_size=8)
_required = st.text(
    st.sampled_from(_CHARACTERS.replace(" ", "").replace("!", "")), min_size=1, max_size=8
)
_pipe_list = st.lists(_required, min_size=1, max_size=3).map("|".join)


@st.composite
def _columns(draw: st.DrawFn, version: str) -> list[str]:
    relation = draw(st.sampled_from(["enables", "involved_in", "part_of", "located_in"]))
    qualifier = relation if version == "2.2" else draw(st.sampled_from(["", "contributes_to"]))
    if draw(st.booleans()):
        qualifier = f"NOT|{qualifier}" if qualifier else "NOT"
    taxa = draw(st.lists(st.integers(1, 10**7), min_size=1, max_size=2))
    date = draw(st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)))
    columns = [
        draw(_required),
        draw(_required),
        draw(_required),
        qualifier,
        f"GO:{draw(st.integers(0, 9_999_999)):07d}",
        draw(_pipe_list),
        draw(st.sampled_from(["EXP", "IDA", "IEA", "IBA", "ND", "TAS", "HDA"])),
        draw(_text),
        draw(st.sampled_from("PFC")),
        draw(_text),
        draw(_text),
        draw(_required),
        "|".join(f"taxon:{taxon}" for taxon in taxa),
        date.strftime("%Y%m%d"),
        draw(_required),
        draw(_text),
        draw(_text),
    ]
    return columns


@given(
    st.sampled_from(["2.0", "2.1", "2.2"]).flatmap(
        lambda v: st.tuples(st.just(v), st.lists(_columns(v), max_size=5))
    )
)
def test_write_then_parse_round_trips(case: tuple[str, list[list[str]]]) -> None:
    version, rows = case
    lines = [format_gaf_header(version)] + ["\t".join(columns) + "\n" for columns in rows]
    records = [r for r in parse_gaf(lines, "generated.gaf") if isinstance(r, GafAnnotation)]
    assert [list(r.columns()) for r in records] == rows
    assert {r.gaf_version for r in records} <= {version}
    assert [format_gaf_line(r) for r in records] == lines[1:]
    assert [r.line for r in records] == list(range(2, len(rows) + 2))
