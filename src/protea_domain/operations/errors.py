"""Errors raised by operations and the registry."""

from __future__ import annotations

from protea_domain.errors import DomainError, InvalidInputError


class UnknownOperationError(InvalidInputError):
    code = "unknown_operation"

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(
            f"unknown operation {name!r}; known: {', '.join(known)}", location="operation"
        )
        self.name = name


class OperationFailedError(DomainError):
    """An operation decided that it failed; permanent (not retried)."""

    code = "operation_failed"
