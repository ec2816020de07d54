"""The shared machinery: gzip opener, parse errors, skipped lines, the line driver."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from protea_domain.errors import InvalidInputError
from protea_domain.parsing import (
    FatalParseError,
    FieldError,
    ParseError,
    SkippedLine,
    is_gzip,
    open_text,
    parse_each_line,
    read_lines,
    source_name,
    tally_skipped,
)


def test_gzip_is_detected_by_magic_bytes_not_suffix(tmp_path: Path) -> None:
    compressed = tmp_path / "looks_plain.txt"
    compressed.write_bytes(gzip.compress(b">A\nMK\n"))
    plain = tmp_path / "looks_compressed.gz"
    plain.write_text(">B\nMV\n")
    assert is_gzip(compressed)
    assert not is_gzip(plain)
    assert list(read_lines(compressed)) == [">A\n", "MK\n"]
    assert list(read_lines(plain)) == [">B\n", "MV\n"]


def test_open_text_normalises_crlf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(gzip.compress(b"a\tb\r\nc\td\r\n"))
    with open_text(path) as handle:
        assert handle.read() == "a\tb\nc\td\n"


def test_read_lines_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "big.gz"
    path.write_bytes(gzip.compress(b"x\n" * 100_000))
    lines = read_lines(path)
    assert next(lines) == "x\n"
    lines.close()


def test_source_name_is_the_file_name() -> None:
    assert source_name(Path("/data/reference.fasta.gz")) == "reference.fasta.gz"


def test_parse_error_is_invalid_input_naming_source_line_and_field() -> None:
    error = ParseError(
        "invalid residue 'J' at position 17",
        source="reference.fasta.gz",
        line=1203,
        field="sequence",
        reason="invalid_residue",
    )
    assert isinstance(error, InvalidInputError)
    assert str(error) == "reference.fasta.gz:1203: sequence: invalid residue 'J' at position 17"
    assert error.location == "reference.fasta.gz:1203: sequence"
    assert (error.source, error.line, error.field, error.reason) == (
        "reference.fasta.gz",
        1203,
        "sequence",
        "invalid_residue",
    )


def test_skipped_line_mirrors_the_error() -> None:
    error = FieldError("go_id", "invalid_value", "bad").at("a.tsv", 7)
    skipped = SkippedLine.from_error(error)
    assert skipped == SkippedLine("a.tsv", 7, "go_id", "invalid_value", "bad")
    assert str(skipped) == str(error) == "a.tsv:7: go_id: bad"
    assert str(skipped.to_error()) == str(error)


def test_tally_groups_by_field_and_reason() -> None:
    items = [
        SkippedLine("f", 1, "go_id", "invalid_value", "x"),
        SkippedLine("f", 2, "go_id", "invalid_value", "y"),
        SkippedLine("f", 3, "taxon", "missing_value", "z"),
    ]
    assert tally_skipped(items) == {("go_id", "invalid_value"): 2, ("taxon", "missing_value"): 1}


def _digit(text: str, number: int) -> int | None:
    if not text:
        return None
    if text == "fatal":
        raise FatalParseError("stop", source="s", line=number, field="header", reason="r")
    if not text.isdigit():
        raise FieldError("value", "invalid_value", f"not a digit: {text!r}")
    return int(text)


def test_driver_strict_raises_with_line_number() -> None:
    with pytest.raises(ParseError) as caught:
        list(parse_each_line(["1\n", "\n", "x\r\n", "3\n"], "s", _digit, strict=True))
    assert (caught.value.line, caught.value.field) == (3, "value")


def test_driver_lenient_skips_and_goes_on() -> None:
    items = list(parse_each_line(["1\n", "x\n", "3"], "s", _digit, strict=False))
    assert items == [1, SkippedLine("s", 2, "value", "invalid_value", "not a digit: 'x'"), 3]


def test_driver_fatal_errors_raise_even_when_lenient() -> None:
    with pytest.raises(FatalParseError):
        list(parse_each_line(["1\n", "fatal\n"], "s", _digit, strict=False))


def test_driver_keeps_trailing_tabs() -> None:
    seen: list[str] = []

    def record(text: str, number: int) -> None:
        seen.append(text)

    list(parse_each_line(["a\t\t\r\n", "b\t\n"], "s", record, strict=True))
    assert seen == ["a\t\t", "b\t"]


def test_field_errors_are_invalid_input_too() -> None:
    error = FieldError("go_id", "invalid_value", "not a GO id")
    assert isinstance(error, InvalidInputError)
    assert str(error) == "go_id: not a GO id"
