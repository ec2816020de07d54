"""Errors raised while reading ontology files."""

from __future__ import annotations


class OboParseError(ValueError):
    """A malformed OBO line: names the source, the 1-based line number and the field."""

    def __init__(self, message: str, *, source: str, line: int, field: str) -> None:
        super().__init__(f"{source}:{line}: {field}: {message}")
        self.source = source
        self.line = line
        self.field = field
