"""Human-readable lines for a terminal, with the ambient context fields appended."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from protea_adapters.logging.context import CONTEXT_ATTRIBUTE

TEXT_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"


class ContextTextFormatter(logging.Formatter):
    """`TEXT_FORMAT`, followed by ` [job_id=... trace_id=...]` when context fields are set."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (stdlib name)
        line = super().formatMessage(record)
        context = getattr(record, CONTEXT_ATTRIBUTE, None)
        if isinstance(context, Mapping) and context:
            line += " [" + " ".join(f"{k}={v}" for k, v in context.items()) + "]"
        return line
