"""Liveness and readiness."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class Live(BaseModel):
    status: Literal["ok"] = "ok"


class Check(BaseModel):
    name: str
    ok: bool
    seconds: float
    error: str | None = None


class Tracing(BaseModel):
    """The tracing settings as resolved, without booting anything."""

    enabled: bool
    endpoint: str | None
    service_name: str
    sample_ratio: float


class Ready(BaseModel):
    status: Literal["ready", "unavailable"]
    failed: list[str]
    checks: list[Check]
    tracing: Tracing
