"""Operation port: what a job runs."""

from __future__ import annotations

from typing import Any, Protocol
from uuid import UUID


class OperationContext(Protocol):
    """What a running operation may do besides computing. Not thread-safe."""

    @property
    def job_id(self) -> UUID: ...

    def progress(self, current: int, total: int | None = None, message: str | None = None) -> None:
        """Record progress (committed at once). This is a cancellation point: raises
        `JobCancelledError` if the job was cancelled meanwhile."""
        ...

    def event(self, message: str, **fields: Any) -> None:
        """Append a message to the job's timeline (committed at once)."""
        ...

    def is_cancelled(self) -> bool: ...

    def publish_children(self, queue: str, operation: str, payloads: list[dict[str, Any]]) -> None:
        """Fan out: in one commit, set the job's progress total to the number of children and
        queue one child operation message per payload on `queue`. The job then waits for its
        children instead of succeeding when `execute` returns; the last child closes it. May be
        called once per run."""
        ...


class Operation(Protocol):
    """A named operation. `validate` is pure and raises `InvalidInputError` naming the field;
    `execute` receives a validated payload and returns a JSON-serialisable result (or None).
    Raising `InvalidInputError` or `OperationFailedError` fails the job permanently."""

    @property
    def name(self) -> str: ...

    @property
    def queue(self) -> str: ...

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]: ...

    def execute(
        self, payload: dict[str, Any], context: OperationContext
    ) -> dict[str, Any] | None: ...
