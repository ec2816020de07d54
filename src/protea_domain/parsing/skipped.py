"""Lenient parsing: a bad line becomes a `SkippedLine` record instead of an exception."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from protea_domain.parsing.errors import ParseError


@dataclass(frozen=True, slots=True)
class SkippedLine:
    """A line a lenient parser left out, and why (same fields as the `ParseError` it stands for)."""

    source: str
    line: int
    field: str
    reason: str
    message: str

    @classmethod
    def from_error(cls, error: ParseError) -> SkippedLine:
        return cls(error.source, error.line, error.field, error.reason, error.message)

    def to_error(self) -> ParseError:
        """The strict-mode error this record replaces."""
        return ParseError(
            self.message, source=self.source, line=self.line, field=self.field, reason=self.reason
        )

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.field}: {self.message}"


def tally_skipped(skipped: Iterable[SkippedLine]) -> Counter[tuple[str, str]]:
    """Count skipped lines by `(field, reason)`, for a loader's report."""
    return Counter((item.field, item.reason) for item in skipped)
