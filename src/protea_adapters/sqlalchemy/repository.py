"""The base of SQL repositories: a session and statements whose driver errors become domain
errors."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Result
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from protea_adapters.sqlalchemy.errors import storage_errors


class SqlRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _execute(self, statement: Executable) -> Result[Any]:
        """Run `statement` in the unit of work's transaction; raises `StorageError`."""
        with storage_errors():
            return self._session.execute(statement)
