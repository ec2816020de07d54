"""Column types that behave the same on PostgreSQL and SQLite."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement, literal
from sqlalchemy.types import Boolean, TypeDecorator, TypeEngine

JsonDocument = JSON().with_variant(JSONB(), "postgresql")


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in, timezone-aware UTC out; naive datetimes are refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: PROTEA stores timezone-aware UTC only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class TagList(TypeDecorator[list[str]]):
    """A list of strings: `text[]` on PostgreSQL, a JSON array elsewhere."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(ARRAY(Text()))
        return dialect.type_descriptor(JSON())


class TagsContain(ColumnElement[bool]):
    """`column` (a TagList) contains `tag`."""

    type = Boolean()
    inherit_cache = True

    def __init__(self, column: ColumnElement[Any], tag: str) -> None:
        self.column = column
        self.tag = literal(tag, Text())


@compiles(TagsContain)
def _tags_contain_default(element: TagsContain, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    tag = compiler.process(element.tag, **kw)
    return f"EXISTS (SELECT 1 FROM json_each({column}) WHERE json_each.value = {tag})"


@compiles(TagsContain, "postgresql")
def _tags_contain_postgresql(element: TagsContain, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    tag = compiler.process(element.tag, **kw)
    return f"({column} @> ARRAY[CAST({tag} AS TEXT)])"
