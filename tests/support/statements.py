"""Counting the SQL statements a block sends to the database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event


@contextmanager
def recorded_statements() -> Iterator[list[str]]:
    """The SQL text of every statement any engine sends while the block runs (one entry per
    cursor execution, from SQLAlchemy's `before_cursor_execute` event; fetching more rows of
    an open cursor sends none)."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)
