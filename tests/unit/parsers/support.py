"""Helpers for parser tests: split parser output into records and skipped lines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from protea_domain.parsing import SkippedLine

T = TypeVar("T")


def split(items: Iterable[T | SkippedLine]) -> tuple[list[T], list[SkippedLine]]:
    records: list[T] = []
    skipped: list[SkippedLine] = []
    for item in items:
        if isinstance(item, SkippedLine):
            skipped.append(item)
        else:
            records.append(item)
    return records, skipped


def lines_of(text: str) -> list[str]:
    """`text` as a file would yield it: lines keeping their newline."""
    return text.splitlines(keepends=True)
