"""Exit codes of the `protea` command, mapped from domain errors."""

from __future__ import annotations

from protea_adapters.settings import SettingsError
from protea_domain.errors import (
    ConflictError,
    DomainError,
    InvalidInputError,
    NotFoundError,
    StorageError,
)

OK = 0
JOB_FAILED = 1
INVALID_INPUT = 2
NOT_FOUND = 3
CONFLICT = 4
UNAVAILABLE = 5
INTERRUPTED = 130


def exit_code_for(error: Exception) -> int:
    if isinstance(error, InvalidInputError | SettingsError):
        return INVALID_INPUT
    if isinstance(error, NotFoundError):
        return NOT_FOUND
    if isinstance(error, ConflictError):
        return CONFLICT
    if isinstance(error, StorageError):
        return UNAVAILABLE
    if isinstance(error, DomainError):
        return INVALID_INPUT
    raise error
