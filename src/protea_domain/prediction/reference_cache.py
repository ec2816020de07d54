"""A cache of built reference structures (indices, matrices) keyed by what they were built from.

An entry is valid for one embedding recipe (`EmbeddingConfig.content_hash`) and one annotation
set identity (`annotation_fingerprint` or a stored set's id and version). Asking with a
different recipe or annotation identity for the same `name` drops the stale entry and builds
anew, so a changed recipe or annotation set is never served from the cache.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class CacheKey:
    recipe_hash: str
    annotation_key: str


class ReferenceCache(Generic[T]):
    """One entry per `name` (e.g. an aspect), rebuilt when its `CacheKey` changes.

    Thread-safe; `builds` counts how many times a builder ran (observable for tests)."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[CacheKey, T]] = {}
        self._lock = threading.Lock()
        self.builds = 0

    def get(self, name: str, key: CacheKey, build: Callable[[], T]) -> T:
        with self._lock:
            entry = self._entries.get(name)
            if entry is not None and entry[0] == key:
                return entry[1]
            value = build()
            self.builds += 1
            self._entries[name] = (key, value)
            return value

    def invalidate(
        self, *, recipe_hash: str | None = None, annotation_key: str | None = None
    ) -> int:
        """Drop entries built from `recipe_hash` or from `annotation_key` (all entries when
        neither is given); return how many were dropped."""
        with self._lock:
            doomed = [
                name
                for name, (key, _) in self._entries.items()
                if (recipe_hash is None and annotation_key is None)
                or key.recipe_hash == recipe_hash
                or key.annotation_key == annotation_key
            ]
            for name in doomed:
                del self._entries[name]
            return len(doomed)

    def __len__(self) -> int:
        return len(self._entries)
