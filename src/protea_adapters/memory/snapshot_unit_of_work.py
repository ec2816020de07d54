"""The transaction shared by every in-memory unit of work: serialised by the store's lock,
rolled back to the last commit unless committed."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any, Protocol, Self


class SnapshotStore(Protocol):
    """A store whose committed state can be captured and restored; `lock` is re-entrant."""

    lock: threading.RLock

    def snapshot(self) -> Any: ...

    def restore(self, snapshot: Any) -> None: ...


class SnapshotUnitOfWork:
    """Takes `store.lock` for the whole block (serialisable), captures the state on enter and
    on every commit, restores it on exit. `committed` tells tests whether commit ran."""

    def __init__(self, store: SnapshotStore) -> None:
        self._store = store
        self.committed = False

    def __enter__(self) -> Self:
        self._store.lock.acquire()
        self._saved = self._store.snapshot()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.rollback()
        finally:
            self._store.lock.release()

    def commit(self) -> None:
        self._saved = self._store.snapshot()
        self.committed = True

    def rollback(self) -> None:
        self._store.restore(self._saved)
