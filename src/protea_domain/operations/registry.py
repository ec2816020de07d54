"""The registry of operations a process can run."""

from __future__ import annotations

from collections.abc import Iterable

from protea_domain.operations.errors import UnknownOperationError
from protea_domain.ports.operation import Operation


class OperationRegistry:
    def __init__(self, operations: Iterable[Operation] = ()) -> None:
        self._operations: dict[str, Operation] = {}
        for operation in operations:
            self.register(operation)

    def register(self, operation: Operation) -> None:
        if operation.name in self._operations:
            raise ValueError(f"operation {operation.name!r} registered twice")
        self._operations[operation.name] = operation

    def get(self, name: str) -> Operation:
        try:
            return self._operations[name]
        except KeyError:
            raise UnknownOperationError(name, self.names()) from None

    def names(self) -> list[str]:
        return sorted(self._operations)
