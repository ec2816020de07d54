"""The line driver: number lines from 1, parse each, raise or skip on a bad one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from protea_domain.parsing.errors import FatalParseError, ParseError
from protea_domain.parsing.fields import FieldError
from protea_domain.parsing.skipped import SkippedLine

T = TypeVar("T")

LineParser = Callable[[str, int], T | None]


def strip_newline(line: str) -> str:
    """Drop a trailing `\\n` or `\\r\\n` (nothing else: trailing tabs are data)."""
    return line.rstrip("\r\n")


def parse_each_line(
    lines: Iterable[str], source: str, parse: LineParser[T], *, strict: bool
) -> Iterator[T | SkippedLine]:
    """Call `parse(text, number)` on each line (newline stripped); yield what it returns.

    `None` results are dropped (comments, blank lines). A `FieldError` or `ParseError` is raised
    as `ParseError` when `strict`, otherwise yielded as a `SkippedLine`; a `FatalParseError` is
    always raised.
    """
    for number, raw in enumerate(lines, start=1):
        try:
            item = parse(raw.rstrip("\r\n"), number)
        except FieldError as error:
            parse_error = error.at(source, number)
            if strict:
                raise parse_error from None
            yield SkippedLine.from_error(parse_error)
            continue
        except FatalParseError:
            raise
        except ParseError as error:
            if strict:
                raise
            yield SkippedLine.from_error(error)
            continue
        if item is not None:
            yield item
