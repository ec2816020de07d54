"""Operations loaded into worker processes by the reliability tests (PROTEA_PLUGINS)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from protea_domain.messaging.queues import JOBS, PING
from protea_domain.ports.operation import OperationContext


class CountingSleep:
    """Sleeps `seconds` in small steps with progress, then appends its job id to `counter`:
    the line count is the number of executions that ran to the end."""

    name = "counting_sleep"
    queue = PING

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        return {"seconds": float(payload.get("seconds", 0.0)), "counter": str(payload["counter"])}

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        steps = max(1, int(payload["seconds"] / 0.05))
        for step in range(steps):
            time.sleep(payload["seconds"] / steps)
            context.progress(step + 1, steps)
        with Path(payload["counter"]).open("a") as counter:
            counter.write(f"{context.job_id} {os.getpid()}\n")
        return {"pid": os.getpid()}


class SilentSleep:
    """Sleeps without a single progress point (a long computation), then appends its job id
    to `counter`."""

    name = "silent_sleep"
    queue = PING

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        return {"seconds": float(payload["seconds"]), "counter": str(payload["counter"])}

    def execute(self, payload: dict[str, Any], context: OperationContext) -> None:
        time.sleep(payload["seconds"])
        with Path(payload["counter"]).open("a") as counter:
            counter.write(f"{context.job_id} {os.getpid()}\n")


class ExplodingChild:
    """A batch child that always raises an unexpected error: a poison message."""

    name = "exploding_child"
    queue = PING

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        return payload

    def execute(self, payload: dict[str, Any], context: OperationContext) -> None:
        raise RuntimeError("this child always explodes")


class ExplodingBatch:
    """A coordinator with one exploding child."""

    name = "exploding_batch"
    queue = JOBS

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        return payload

    def execute(self, payload: dict[str, Any], context: OperationContext) -> None:
        context.publish_children(PING, "exploding_child", [{}])


PLUGINS = ",".join(
    f"{__name__}:{name}"
    for name in ("CountingSleep", "SilentSleep", "ExplodingChild", "ExplodingBatch")
)
