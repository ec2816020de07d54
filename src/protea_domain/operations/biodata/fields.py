"""Payload readers for the biodata operations; each error names the field."""

from __future__ import annotations

from typing import Any

from protea_domain.errors import InvalidInputError

MAX_TEXT = 4096


def read_text(payload: dict[str, Any], key: str, *, required: bool = True) -> str | None:
    """A non-blank string of at most MAX_TEXT characters, or None when absent and optional."""
    value = payload.get(key)
    if value is None:
        if required:
            raise InvalidInputError("required", location=f"payload.{key}")
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(
            f"expected a non-empty string, got {value!r}", location=f"payload.{key}"
        )
    if len(value) > MAX_TEXT:
        raise InvalidInputError(f"longer than {MAX_TEXT} characters", location=f"payload.{key}")
    return value


def require_text(payload: dict[str, Any], key: str) -> str:
    value = read_text(payload, key)
    assert value is not None
    return value


def exactly_one(payload: dict[str, Any], keys: tuple[str, str]) -> str:
    """The one of `keys` present in the payload. Raises `InvalidInputError` otherwise."""
    present = [key for key in keys if payload.get(key) is not None]
    if len(present) != 1:
        raise InvalidInputError(
            f"give exactly one of {' or '.join(keys)}", location=f"payload.{keys[0]}"
        )
    return present[0]
