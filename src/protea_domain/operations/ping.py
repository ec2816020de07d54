"""`ping`: a health-check operation that sleeps in steps, reporting progress, and may fail."""

from __future__ import annotations

import time
from typing import Any

from protea_domain.messaging.queues import PING
from protea_domain.operations.errors import OperationFailedError
from protea_domain.operations.payload import read_bool, read_float, reject_unknown
from protea_domain.ports.operation import OperationContext

PING_STEPS = 10


class PingOperation:
    name = "ping"
    queue = PING

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        reject_unknown(payload, {"sleep_seconds", "fail"})
        return {
            "sleep_seconds": read_float(payload, "sleep_seconds", 0.0, minimum=0.0, maximum=3600.0),
            "fail": read_bool(payload, "fail", False),
        }

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        step = payload["sleep_seconds"] / PING_STEPS
        started = time.monotonic()
        context.progress(0, PING_STEPS)
        for done in range(1, PING_STEPS + 1):
            if step:
                time.sleep(step)
            context.progress(done, PING_STEPS)
        if payload["fail"]:
            raise OperationFailedError("ping was asked to fail")
        return {"pong": True, "slept_seconds": round(time.monotonic() - started, 6)}
