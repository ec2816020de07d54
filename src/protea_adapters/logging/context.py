"""Ambient log fields (job id, trace id, ...) that follow the code running a job.

The fields live in a `ContextVar`, so they follow the current thread and asyncio task: a worker
sets them with `log_context(job_id=..., trace_id=...)` around the job, and every record logged
inside the block, at any depth, carries them. Threads started inside the block do not inherit
them unless run through `contextvars.copy_context().run` (as `asyncio.to_thread` does).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType

CONTEXT_ATTRIBUTE = "log_context"
"""The LogRecord attribute `ContextFilter` fills with the ambient fields (a mapping)."""

_EMPTY: Mapping[str, object] = MappingProxyType({})
_fields: ContextVar[Mapping[str, object]] = ContextVar("protea_log_context", default=_EMPTY)


def current_log_context() -> Mapping[str, object]:
    """The ambient fields now in force (read-only)."""
    return _fields.get()


@contextmanager
def log_context(**fields: object) -> Iterator[Mapping[str, object]]:
    """Add `fields` to the ambient log fields for the duration of the block; inner blocks add
    to (and may shadow) outer ones; leaving restores the previous fields even on error. A field
    given as None is removed for the block."""
    merged = {**_fields.get(), **fields}
    for name, value in fields.items():
        if value is None:
            del merged[name]
    token = _fields.set(MappingProxyType(merged))
    try:
        yield _fields.get()
    finally:
        _fields.reset(token)


class ContextFilter(logging.Filter):
    """Attach the ambient fields to every record as `record.log_context`; never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        setattr(record, CONTEXT_ATTRIBUTE, _fields.get())
        return True
