"""Evidence codes and aspects."""

from __future__ import annotations

import pytest

from protea_domain.annotations import (
    EXPERIMENTAL_EVIDENCE_CODES,
    KNOWN_EVIDENCE_CODES,
    Aspect,
    is_experimental,
    is_known_evidence_code,
    parse_aspect,
)
from protea_domain.parsing import FieldError

DESIGN_EXPERIMENTAL = ["EXP", "IDA", "IPI", "IMP", "IGI", "IEP"]
DESIGN_EXPERIMENTAL += ["HTP", "HDA", "HMP", "HGI", "HEP", "TAS", "IC"]


def test_experimental_set_is_the_design_one() -> None:
    assert set(DESIGN_EXPERIMENTAL) == EXPERIMENTAL_EVIDENCE_CODES
    assert all(is_experimental(code) for code in DESIGN_EXPERIMENTAL)
    assert EXPERIMENTAL_EVIDENCE_CODES <= KNOWN_EVIDENCE_CODES


@pytest.mark.parametrize(
    "code", ["IEA", "IBA", "ISS", "NAS", "ND", "RCA", "ISO", "ISA", "ISM", "IGC"]
)
def test_known_but_not_experimental(code: str) -> None:
    assert is_known_evidence_code(code)
    assert not is_experimental(code)


@pytest.mark.parametrize("code", ["ida", "XYZ", "", "ECO:0000314"])
def test_unknown_codes(code: str) -> None:
    assert not is_known_evidence_code(code)
    assert not is_experimental(code)


def test_aspect_letters_words_and_namespaces() -> None:
    assert parse_aspect("molecular_function") is Aspect.F
    assert parse_aspect(" Cellular_Component ") is Aspect.C
    assert Aspect.P.namespace == "biological_process"
    assert str(Aspect.C) == "C"
    with pytest.raises(FieldError):
        parse_aspect("biological_process", letters_only=True)
    with pytest.raises(FieldError):
        parse_aspect("p", letters_only=True)
