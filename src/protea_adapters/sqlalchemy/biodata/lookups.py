"""Batched `IN` lookups (kept under SQLite's bound-parameter limit)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Column, Select
from sqlalchemy.orm import Session

IN_BATCH = 500


def batched(values: Iterable[Any], size: int = IN_BATCH) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def select_in(
    session: Session, statement: Select[Any], column: Column[Any], values: Iterable[Any]
) -> list[Any]:
    """Rows of `statement` filtered by `column IN values`, batch by batch."""
    rows: list[Any] = []
    for batch in batched(dict.fromkeys(values)):
        rows.extend(session.execute(statement.where(column.in_(batch))).all())
    return rows
