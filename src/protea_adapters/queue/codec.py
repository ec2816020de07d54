"""The wire form of a message body and the reasons recorded on dead letters, shared by every
broker adapter so that they accept and reject exactly the same bodies."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from protea_domain.messaging.message import Message
from protea_domain.ports.message_broker import PublishError

CONTENT_TYPE = "application/json"
HANDLER_REASON = "dead-lettered by handler"
RESERVED_HEADER_PREFIXES = ("x-protea-", "x-death", "x-first-death-", "x-last-death-")


class UndecodableError(ValueError):
    """A delivered body or envelope that is not a message: it is dead-lettered, never handled."""

    @property
    def reason(self) -> str:
        return f"undecodable: {self}"


def encode_body(body: object) -> bytes:
    """UTF-8 JSON of a JSON object. Raises `PublishError` for anything else (not a dict, or
    holding values JSON cannot carry, NaN included): such a message has no wire form."""
    if not isinstance(body, dict):
        raise PublishError(f"body is not a JSON object but {type(body).__name__}")
    try:
        text = json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise PublishError(f"body is not JSON: {exc}") from exc
    return text.encode("utf-8")


def decode_body(raw: bytes) -> dict[str, Any]:
    """Inverse of `encode_body`; raises `UndecodableError` unless `raw` is a UTF-8 JSON object."""
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise UndecodableError(f"body is not UTF-8 JSON ({exc})") from exc
    if not isinstance(value, dict):
        raise UndecodableError(f"body is JSON but not an object ({type(value).__name__})")
    return value


def decode_message(
    queue: str, raw: bytes, message_id: str | None, headers: Mapping[str, object] | None
) -> Message:
    """The message delivered from `queue`; raises `UndecodableError` for a body that is not a
    JSON object or a message without `message_id` (consumers deduplicate by it)."""
    if not message_id:
        raise UndecodableError("message has no message_id")
    return Message(queue, decode_body(raw), message_id, user_headers(headers))


def parked_body(raw: bytes) -> dict[str, Any]:
    """The body shown for a dead letter: the decoded object, else `{"raw": <the text>}`."""
    try:
        return decode_body(raw)
    except UndecodableError:
        return {"raw": raw.decode("utf-8", errors="replace")}


def user_headers(headers: Mapping[str, object] | None) -> dict[str, str]:
    """Headers as strings, without those the brokers and the dead-letter path add."""
    result: dict[str, str] = {}
    for key, value in (headers or {}).items():
        if key.startswith(RESERVED_HEADER_PREFIXES) or isinstance(value, dict | list):
            continue
        result[key] = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return result
