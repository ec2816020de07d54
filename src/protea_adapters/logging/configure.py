"""Installing the process's log handler, idempotently."""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from protea_adapters.logging.context import ContextFilter
from protea_adapters.logging.json_formatter import JsonFormatter
from protea_adapters.logging.text_formatter import ContextTextFormatter

HANDLER_NAME = "protea"
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def configure_logging(
    json_lines: bool, level: str, *, stream: TextIO | None = None
) -> logging.Handler:
    """Route the root logger through one handler named `HANDLER_NAME` writing to `stream`
    (stderr by default): JSON lines when `json_lines`, else text; both carry the ambient
    `log_context` fields. Idempotent: calling again reconfigures that same handler (never a
    second one) and leaves other handlers alone. Raises ValueError for an unknown level."""
    name = level.upper()
    if name not in LEVELS:
        raise ValueError(f"unknown log level {level!r} (one of {', '.join(LEVELS)})")
    root = logging.getLogger()
    handler = _installed(root)
    if handler is None:
        handler = logging.StreamHandler(stream or sys.stderr)
        handler.set_name(HANDLER_NAME)
        handler.addFilter(ContextFilter())
        root.addHandler(handler)
    elif stream is not None:
        handler.setStream(stream)
    handler.setFormatter(JsonFormatter() if json_lines else ContextTextFormatter())
    root.setLevel(name)
    logging.captureWarnings(True)
    return handler


def _installed(root: logging.Logger) -> logging.StreamHandler[TextIO] | None:
    for handler in root.handlers:
        if isinstance(handler, logging.StreamHandler) and handler.get_name() == HANDLER_NAME:
            return handler
    return None
