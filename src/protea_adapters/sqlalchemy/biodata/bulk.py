"""Bulk writes: COPY on PostgreSQL (psycopg2 `copy_expert`), multi-row inserts elsewhere.

`copy_insert` appends rows that cannot conflict; `insert_missing` skips rows whose key
exists (PostgreSQL: COPY into a temporary table, then `INSERT ... SELECT ... ON CONFLICT DO
NOTHING`; SQLite: `INSERT OR IGNORE`). Constraint violations become domain errors: a missing
referenced row `NotFoundError`, a duplicate key `ConflictError`, anything else `StorageError`."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import JSON, Table, Uuid
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from protea_adapters.sqlalchemy.errors import storage_errors
from protea_domain.errors import ConflictError, NotFoundError, StorageError

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
COPY_BUFFER_ROWS = 50_000


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def copy_value(value: Any) -> str:
    """One field in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    if isinstance(value, dict | list | tuple):
        return json.dumps(value).translate(_ESCAPES)
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def copy_text(rows: Sequence[Sequence[Any]]) -> io.StringIO:
    buffer = io.StringIO()
    buffer.writelines("\t".join(map(copy_value, row)) + "\n" for row in rows)
    buffer.seek(0)
    return buffer


@contextmanager
def constraint_errors(what: str) -> Iterator[None]:
    """Translate integrity failures (SQLAlchemy's or raw psycopg2's) into domain errors."""
    try:
        with storage_errors():
            try:
                yield
            except IntegrityError as exc:
                code = getattr(exc.orig, "pgcode", None)
                raise _translate(str(exc.orig or exc), code, what) from exc
    except StorageError:
        raise
    except sqlite3.IntegrityError as exc:
        raise _translate(str(exc), None, what) from exc
    except sqlite3.Error as exc:
        raise StorageError(f"{what}: database error: {exc}") from exc
    except Exception as exc:
        code = getattr(exc, "pgcode", None)
        if not hasattr(exc, "pgcode"):
            raise
        if code and code.startswith("23"):
            raise _translate(str(exc), code, what) from exc
        raise StorageError(f"{what}: database error: {exc}") from exc


def _translate(message: str, pgcode: str | None, what: str) -> Exception:
    text = message.lower()
    if pgcode == "23503" or "foreign key" in text:
        return NotFoundError(f"{what}: a referenced row does not exist ({message.strip()})")
    if pgcode == "23505" or "unique" in text:
        return ConflictError(f"{what}: already exists ({message.strip()})")
    return StorageError(f"{what}: {message.strip()}")


def _raw_cursor(session: Session) -> Any:
    return session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]


def copy_insert(
    session: Session, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Append `rows` (tuples in `columns` order) to `table`."""
    if not rows:
        return
    with constraint_errors(table.name):
        if is_postgres(session):
            cursor = _raw_cursor(session)
            try:
                for start in range(0, len(rows), COPY_BUFFER_ROWS):
                    cursor.copy_expert(
                        f"COPY {table.name} ({', '.join(columns)}) FROM STDIN",
                        copy_text(rows[start : start + COPY_BUFFER_ROWS]),
                    )
            finally:
                cursor.close()
            return
        _sqlite_executemany(session, table, "INSERT", columns, rows)


def insert_missing(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    key: Sequence[str],
) -> int:
    """Insert the rows whose `key` is not stored yet; returns how many were inserted."""
    if not rows:
        return 0
    with constraint_errors(table.name):
        if is_postgres(session):
            stage = f"stage_{table.name}_{uuid4().hex[:12]}"
            names = ", ".join(columns)
            cursor = _raw_cursor(session)
            try:
                cursor.execute(
                    f"CREATE TEMP TABLE {stage} ON COMMIT DROP AS "
                    f"SELECT {names} FROM {table.name} WITH NO DATA"
                )
                cursor.copy_expert(f"COPY {stage} ({names}) FROM STDIN", copy_text(rows))
                cursor.execute(
                    f"INSERT INTO {table.name} ({names}) SELECT DISTINCT ON ({', '.join(key)}) "
                    f"{names} FROM {stage} ON CONFLICT ({', '.join(key)}) DO NOTHING"
                )
                inserted: int = cursor.rowcount
                cursor.execute(f"DROP TABLE {stage}")
            finally:
                cursor.close()
            return inserted
        return _sqlite_executemany(session, table, "INSERT OR IGNORE", columns, rows)


def sqlite_value(value: Any) -> Any:
    """A value as SQLAlchemy would bind it on SQLite (UUID as 32 hex digits, JSON as text)."""
    if isinstance(value, UUID):
        return value.hex
    if isinstance(value, dict | list | tuple):
        return json.dumps(value)
    return value


def _converted(
    table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> Sequence[Sequence[Any]]:
    """Rows with UUID and JSON columns turned into what SQLite stores."""
    special = [
        i
        for i, name in enumerate(columns)
        if isinstance(table.c[name].type, Uuid | JSON)
        or isinstance(getattr(table.c[name].type, "impl", None), JSON)
    ]
    if not special:
        return rows
    memo: dict[Any, Any] = {}
    converted = []
    for row in rows:
        values = list(row)
        for i in special:
            value = values[i]
            if isinstance(value, UUID):
                values[i] = memo.get(value) or memo.setdefault(value, value.hex)
            else:
                values[i] = sqlite_value(value)
        converted.append(values)
    return converted


def _sqlite_executemany(
    session: Session,
    table: Table,
    verb: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> int:
    """One DBAPI `executemany` (SQLAlchemy's per-row parameter processing costs more than
    SQLite's insert itself). Returns the rows inserted."""
    marks = ", ".join("?" * len(columns))
    statement = f"{verb} INTO {table.name} ({', '.join(columns)}) VALUES ({marks})"
    values = _converted(table, columns, rows)
    cursor = _raw_cursor(session)
    try:
        cursor.executemany(statement, values)
        return int(cursor.rowcount)
    finally:
        cursor.close()
