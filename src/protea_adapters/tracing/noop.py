"""The tracer used when tracing is off."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

from protea_domain.ports.tracer import Tracer


class NoopTracer(Tracer):
    def span(self, name: str, parent: dict[str, str] | None = None) -> AbstractContextManager[None]:
        return nullcontext()

    def inject(self) -> dict[str, str]:
        return {}
