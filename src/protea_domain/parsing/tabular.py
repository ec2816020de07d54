"""Tab-separated files whose columns are found by the names in a header line."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from protea_domain.parsing.errors import FatalParseError
from protea_domain.parsing.fields import FieldError
from protea_domain.parsing.lines import parse_each_line
from protea_domain.parsing.skipped import SkippedLine

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class TsvHeader:
    """The header of a TSV file: column names as written and their positions by key."""

    names: tuple[str, ...]
    positions: dict[str, int]

    def position(self, key: str) -> int | None:
        return self.positions.get(key)

    def unknown(self) -> tuple[tuple[int, str], ...]:
        """Columns whose name is not a known key: `(position, name as written)`."""
        known = set(self.positions.values())
        return tuple((i, name) for i, name in enumerate(self.names) if i not in known)


RowParser = Callable[[list[str], int], T]
RowParserFactory = Callable[[TsvHeader], RowParser[T]]


def read_header(
    text: str,
    source: str,
    line: int,
    *,
    keys: Callable[[str], str | None],
    required: Sequence[str],
) -> TsvHeader:
    """Map header names to keys (`keys(name)` gives a known key or None).

    Raises `FatalParseError` (field `header`) for a missing required column or a key given twice.
    """
    names = tuple(name.strip() for name in text.split("\t"))
    positions: dict[str, int] = {}
    for index, name in enumerate(names):
        key = keys(name)
        if key is None:
            continue
        if key in positions:
            raise FatalParseError(
                f"column {name!r} given twice",
                source=source,
                line=line,
                field="header",
                reason="duplicate_column",
            )
        positions[key] = index
    missing = [key for key in required if key not in positions]
    if missing:
        raise FatalParseError(
            f"missing required column(s): {', '.join(missing)}",
            source=source,
            line=line,
            field="header",
            reason="missing_column",
        )
    return TsvHeader(names, positions)


def parse_tsv(
    lines: Iterable[str],
    source: str,
    *,
    keys: Callable[[str], str | None],
    required: Sequence[str],
    row_parser: RowParserFactory[T],
    strict: bool,
) -> Iterator[T | SkippedLine]:
    """Parse a headed TSV: the first non-blank line is the header, blank lines are ignored.

    Each data row must have as many columns as the header. Header problems always raise
    `FatalParseError` (a file cannot be read without its header), row problems raise or are skipped
    according to `strict`. An input without a header raises `FatalParseError` (`missing_header`).
    """
    parse_row: RowParser[T] | None = None
    width = 0

    def parse(text: str, number: int) -> T | None:
        nonlocal parse_row, width
        if not text.strip():
            return None
        if parse_row is None:
            header = read_header(text, source, number, keys=keys, required=required)
            width = len(header.names)
            parse_row = row_parser(header)
            return None
        fields = text.split("\t")
        if len(fields) != width:
            raise FieldError(
                "columns",
                "column_count",
                f"expected {width} tab-separated columns, got {len(fields)}",
            )
        return parse_row(fields, number)

    yield from parse_each_line(lines, source, parse, strict=strict)
    if parse_row is None:
        raise FatalParseError(
            "no header line", source=source, line=1, field="header", reason="missing_header"
        )
