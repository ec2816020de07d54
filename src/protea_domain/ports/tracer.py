"""Tracer port: spans and W3C trace context that travels with messages."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol


class Tracer(Protocol):
    """Distributed tracing. Never raises into the caller's work; a disabled tracer is a no-op."""

    def span(self, name: str, parent: dict[str, str] | None = None) -> AbstractContextManager[None]:
        """A span around the block, child of the current span, or of the remote context in
        `parent` (carrier headers such as `traceparent`) when given."""
        ...

    def inject(self) -> dict[str, str]:
        """The current trace context as carrier headers (`traceparent`, `tracestate`), to be
        stored with an outbox message; empty when there is no active span."""
        ...
