"""The transaction shared by every SQL unit of work: one session, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from protea_adapters.sqlalchemy.errors import storage_errors


class SessionUnitOfWork:
    """Opens a session on enter, hands it to `_bind` (which creates the repositories), rolls
    back and closes on exit. `commit` translates driver errors into `StorageError`."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def _bind(self, session: Session) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self._session = self._session_factory()
        self._bind(self._session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._session.rollback()
        finally:
            self._session.close()

    def commit(self) -> None:
        with storage_errors():
            self._session.commit()

    def rollback(self) -> None:
        self._session.rollback()
