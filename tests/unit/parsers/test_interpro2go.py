"""The InterPro2GO mapping parser."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protea_domain.annotations import InterProGoMapping, parse_interpro2go
from protea_domain.parsing import ParseError

from .support import lines_of, split

SAMPLE = """\
!date: 2024/01/01 12:00:00
!Mapping of InterPro entries to GO
!
InterPro:IPR000003 Retinoid X receptor/HNF4 > GO:DNA binding ; GO:0003677
InterPro:IPR000003 Retinoid X receptor/HNF4 > GO:nuclear receptor activity ; GO:0004879

InterPro:IPR000006 Metallothionein, vertebrate > GO:metal ion binding ; GO:0046872
"""


def test_sample_file() -> None:
    records = list(parse_interpro2go(lines_of(SAMPLE), "interpro2go"))
    assert records[0] == InterProGoMapping(
        "IPR000003", "Retinoid X receptor/HNF4", "DNA binding", "GO:0003677", 4
    )
    assert [
        (r.interpro_id, r.go_id, r.line) for r in records if isinstance(r, InterProGoMapping)
    ] == [
        ("IPR000003", "GO:0003677", 4),
        ("IPR000003", "GO:0004879", 5),
        ("IPR000006", "GO:0046872", 7),
    ]


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("InterPro:IPR00003 X > GO:y ; GO:0003677", "interpro_id"),
        ("Pfam:PF00001 X > GO:y ; GO:0003677", "interpro_id"),
        ("InterPro:IPR000003 > GO:y ; GO:0003677", "interpro_name"),
        ("InterPro:IPR000003 X GO:y ; GO:0003677", "go_name"),
        ("InterPro:IPR000003 X > GO: ; GO:0003677", "go_name"),
        ("InterPro:IPR000003 X > GO:y GO:0003677", "go_id"),
        ("InterPro:IPR000003 X > GO:y ; GO:3677", "go_id"),
    ],
)
def test_bad_lines_name_line_and_field(line: str, field: str) -> None:
    with pytest.raises(ParseError) as caught:
        list(parse_interpro2go(lines_of(SAMPLE + line + "\n"), "interpro2go"))
    assert (caught.value.line, caught.value.field) == (8, field)


def test_lenient_mode() -> None:
    records, skipped = split(parse_interpro2go(lines_of(SAMPLE + "garbage\n"), "i2g", strict=False))
    assert len(records) == 3
    assert [(s.line, s.field) for s in skipped] == [(8, "go_name")]


_names = st.text(st.sampled_from("abcXYZ019 -/,()'>;"), min_size=1, max_size=20).filter(
    lambda s: s.strip() == s and s != "" and " > GO:" not in s and " ; " not in s
)


@given(
    st.lists(
        st.tuples(st.integers(0, 999_999), _names, _names, st.integers(0, 9_999_999)), max_size=5
    )
)
def test_write_then_parse_round_trips(rows: list[tuple[int, str, str, int]]) -> None:
    lines = [
        f"InterPro:IPR{i:06d} {name} > GO:{go_name} ; GO:{go:07d}\n"
        for i, name, go_name, go in rows
    ]
    records = list(parse_interpro2go(["!header\n", *lines], "generated"))
    assert records == [
        InterProGoMapping(f"IPR{i:06d}", name, go_name, f"GO:{go:07d}", line)
        for line, (i, name, go_name, go) in enumerate(rows, start=2)
    ]
