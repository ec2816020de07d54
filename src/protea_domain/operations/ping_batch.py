"""`ping_batch`: a coordinator that fans out `children` ping operations on protea.ping."""

from __future__ import annotations

from typing import Any

from protea_domain.messaging.queues import JOBS, PING
from protea_domain.operations.payload import read_float, read_int, reject_unknown
from protea_domain.ports.operation import OperationContext

MAX_CHILDREN = 100_000


class PingBatchOperation:
    name = "ping_batch"
    queue = JOBS

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        reject_unknown(payload, {"children", "sleep_seconds"})
        return {
            "children": read_int(payload, "children", 1, minimum=0, maximum=MAX_CHILDREN),
            "sleep_seconds": read_float(payload, "sleep_seconds", 0.0, minimum=0.0, maximum=3600.0),
        }

    def execute(self, payload: dict[str, Any], context: OperationContext) -> None:
        child = {"sleep_seconds": payload["sleep_seconds"]}
        context.publish_children(PING, "ping", [child] * payload["children"])
