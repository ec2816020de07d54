"""One JSON object per line: timestamp, level, logger, message, context and extra fields."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime

from protea_adapters.logging.context import CONTEXT_ATTRIBUTE

CORE_KEYS = ("timestamp", "level", "logger", "message", "exception", "stack")
RENAMED_PREFIX = "extra_"
"""An extra field named like a core key is kept under this prefix instead of replacing it."""

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", logging.INFO, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
    CONTEXT_ATTRIBUTE,
}


def utc_timestamp(created: float) -> str:
    """ISO-8601 in UTC with milliseconds and a `Z`: 2026-01-31T12:00:00.123Z."""
    moment = datetime.fromtimestamp(created, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def exception_type_name(exc_type: type[BaseException]) -> str:
    module = exc_type.__module__
    return exc_type.__qualname__ if module == "builtins" else f"{module}.{exc_type.__qualname__}"


def _plain(value: object) -> object:
    return value if isinstance(value, str | int | float | bool | None) else repr(value)


class JsonFormatter(logging.Formatter):
    """Formats a record as one line of JSON.

    Keys: `timestamp`, `level`, `logger`, `message`, then the ambient context fields (see
    `log_context`), then the record's `extra=` fields (which win over context fields), then
    `exception` ({type, message, traceback}) and `stack` when present. Values JSON cannot
    encode are written with `str()`. Never raises on odd records.
    """

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "timestamp": utc_timestamp(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        context = getattr(record, CONTEXT_ATTRIBUTE, None)
        if isinstance(context, Mapping):
            self._merge(entry, context)
        self._merge(entry, self._extras(record))
        if record.exc_info and record.exc_info[0] is not None:
            exc_type, exc_value, _ = record.exc_info
            entry["exception"] = {
                "type": exception_type_name(exc_type),
                "message": str(exc_value),
                "traceback": self.formatException(record.exc_info),
            }
        elif record.exc_text:
            entry["exception"] = {"traceback": record.exc_text}
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        try:
            return json.dumps(entry, default=str, ensure_ascii=False)
        except (TypeError, ValueError):  # non-string keys, circular structures
            return json.dumps({k: _plain(v) for k, v in entry.items()}, ensure_ascii=False)

    @staticmethod
    def _extras(record: logging.LogRecord) -> dict[str, object]:
        return {
            name: value
            for name, value in vars(record).items()
            if name not in _RECORD_ATTRIBUTES and not name.startswith("_")
        }

    @staticmethod
    def _merge(entry: dict[str, object], fields: Mapping[str, object]) -> None:
        for name, value in fields.items():
            entry[RENAMED_PREFIX + name if name in CORE_KEYS else name] = value
