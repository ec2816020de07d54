"""The error every parser raises: a bad line, named by source, 1-based line number and field."""

from __future__ import annotations

from protea_domain.errors import InvalidInputError


class ParseError(InvalidInputError):
    """A malformed line of an input file.

    `str(error)` reads `source:line: field: message`. `reason` is a short stable slug
    (`invalid_value`, `missing_value`, `column_count`, `duplicate`, ...) for grouping skipped
    lines in reports; `message` is the human-readable detail.
    """

    code = "parse_error"

    def __init__(self, message: str, *, source: str, line: int, field: str, reason: str) -> None:
        super().__init__(message, location=f"{source}:{line}: {field}")
        self.message = message
        self.source = source
        self.line = line
        self.field = field
        self.reason = reason


class FatalParseError(ParseError):
    """A problem that makes the rest of the input unreadable (a missing or broken header):
    raised even by lenient parsers."""
