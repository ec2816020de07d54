"""Small typed readers for operation payload fields; each error names the field."""

from __future__ import annotations

import math
from typing import Any

from protea_domain.errors import InvalidInputError


def reject_unknown(payload: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(payload) - allowed)
    if unknown:
        raise InvalidInputError(f"unknown field(s) {', '.join(unknown)}", location="payload")


def read_float(
    payload: dict[str, Any], key: str, default: float, *, minimum: float, maximum: float
) -> float:
    value = payload.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInputError(
            f"expected a finite number, got {value!r}", location=f"payload.{key}"
        )
    if not minimum <= value <= maximum:
        raise InvalidInputError(
            f"must be between {minimum} and {maximum}, got {value}", location=f"payload.{key}"
        )
    return float(value)


def read_bool(payload: dict[str, Any], key: str, default: bool) -> bool:
    value = payload.get(key, default)
    if not isinstance(value, bool):
        raise InvalidInputError(f"expected true or false, got {value!r}", location=f"payload.{key}")
    return value


def read_int(payload: dict[str, Any], key: str, default: int, *, minimum: int, maximum: int) -> int:
    value = payload.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"expected an integer, got {value!r}", location=f"payload.{key}")
    if not minimum <= value <= maximum:
        raise InvalidInputError(
            f"must be between {minimum} and {maximum}, got {value}", location=f"payload.{key}"
        )
    return value
