"""UniProt flat-file `DR   GO;` lines on the shared Swiss-Prot fixtures."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from protea_domain.annotations import Aspect, UniProtGoAnnotation, parse_uniprot_go
from protea_domain.parsing import ParseError, read_lines

from .support import lines_of, split


@pytest.mark.parametrize(
    ("name", "evidence"),
    [
        (
            "P62258.txt",
            {
                "IDA": 14,
                "IPI": 9,
                "IEA": 7,
                "HDA": 6,
                "IBA": 3,
                "IC": 2,
                "HEP": 1,
                "IMP": 1,
                "NAS": 1,
                "TAS": 1,
            },
        ),
        (
            "O95832.txt",
            {"IEA": 21, "IMP": 8, "IDA": 6, "ISS": 2, "IBA": 1, "IPI": 1, "NAS": 1, "TAS": 1},
        ),
        ("multi_ex.txt", {"IEA": 21, "TAS": 4, "IDA": 3, "IPI": 1, "NAS": 1}),
    ],
)
def test_go_lines_and_evidence_counts(
    shared_data: Path, name: str, evidence: dict[str, int]
) -> None:
    path = shared_data / "formats" / "uniprot" / name
    records, skipped = split(parse_uniprot_go(read_lines(path), name, strict=False))
    assert skipped == []
    assert Counter(r.evidence_code for r in records) == evidence


def test_entries_and_fields(shared_data: Path) -> None:
    path = shared_data / "formats" / "uniprot" / "multi_ex.txt"
    records = [
        r
        for r in parse_uniprot_go(read_lines(path), path.name)
        if isinstance(r, UniProtGoAnnotation)
    ]
    accessions = list(dict.fromkeys(r.accession for r in records))
    assert accessions[0] == "P00750"
    assert len(accessions) == 7
    first = records[0]
    assert (first.entry_name, first.go_id, first.aspect) == ("TPA_HUMAN", "GO:0009986", Aspect.C)
    assert (first.term_name, first.evidence_code, first.assigned_by) == (
        "cell surface",
        "IDA",
        "BHF-UCL",
    )


ENTRY = "ID   ABC_HUMAN   Reviewed;   10 AA.\nAC   P12345; Q00001;\nAC   Q00002;\n{go}\n//\n"


@pytest.mark.parametrize(
    ("go", "field"),
    [
        ("DR   GO; GO:123; F:binding; IDA:UniProtKB.", "go_id"),
        ("DR   GO; GO:0005515; binding; IDA:UniProtKB.", "aspect"),
        ("DR   GO; GO:0005515; X:binding; IDA:UniProtKB.", "aspect"),
        ("DR   GO; GO:0005515; F:; IDA:UniProtKB.", "term_name"),
        ("DR   GO; GO:0005515; F:binding; ZZZ:UniProtKB.", "evidence_code"),
        ("DR   GO; GO:0005515; F:binding; IDA:UniProtKB", "evidence_code"),
    ],
)
def test_bad_go_lines(go: str, field: str) -> None:
    with pytest.raises(ParseError) as caught:
        list(parse_uniprot_go(lines_of(ENTRY.format(go=go)), "e.txt"))
    assert (caught.value.line, caught.value.field) == (4, field)


def test_go_line_outside_an_entry() -> None:
    text = ENTRY.format(go="CC   x") + "DR   GO; GO:0005515; F:binding; IDA:UniProtKB.\n"
    with pytest.raises(ParseError) as caught:
        list(parse_uniprot_go(lines_of(text), "e.txt"))
    assert (caught.value.line, caught.value.field) == (6, "accession")


def test_primary_accession_and_term_names_with_semicolons() -> None:
    go = "DR   GO; GO:0005515; F:binding; of; things; IEA:Ensembl."
    [record] = parse_uniprot_go(lines_of(ENTRY.format(go=go)), "e.txt")
    assert isinstance(record, UniProtGoAnnotation)
    assert (record.accession, record.term_name, record.assigned_by) == (
        "P12345",
        "binding; of; things",
        "Ensembl",
    )
