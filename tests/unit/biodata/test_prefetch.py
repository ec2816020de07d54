"""The prefetch helper keeps order, re-raises the producer's error, and stops its thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from protea_domain.use_cases.biodata.prefetch import prefetched


def test_order_is_kept() -> None:
    assert list(prefetched(iter(range(100)), depth=3)) == list(range(100))


def test_producer_errors_surface_in_the_consumer() -> None:
    def broken() -> Iterator[int]:
        yield 1
        raise OSError("read failed")

    items = prefetched(broken())
    assert next(items) == 1
    with pytest.raises(OSError, match="read failed"):
        next(items)


def test_closing_early_stops_the_producer() -> None:
    produced: list[int] = []

    def endless() -> Iterator[int]:
        for n in range(10**9):
            produced.append(n)
            yield n

    before = threading.active_count()
    items = prefetched(endless(), depth=2)
    assert next(items) == 0
    items.close()
    assert threading.active_count() == before
    assert len(produced) <= 5
