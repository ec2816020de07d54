"""Translation of driver errors into domain errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from protea_domain.errors import StorageError


@contextmanager
def storage_errors() -> Iterator[None]:
    """Re-raise connection and driver failures as `StorageError` (domain errors pass through)."""
    try:
        yield
    except (OperationalError, DBAPIError) as exc:
        raise StorageError(f"database error: {exc.orig or exc}") from exc
    except SQLAlchemyError as exc:
        raise StorageError(f"database error: {exc}") from exc
