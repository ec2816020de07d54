"""The domain's error hierarchy; adapters translate driver errors into these."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the domain raises on purpose; `code` is stable and machine-readable."""

    code = "domain_error"


class NotFoundError(DomainError):
    code = "not_found"


class ConflictError(DomainError):
    code = "conflict"


class InvalidInputError(DomainError):
    """Bad input: permanent, never retried. `location` names where (file, line, field)."""

    code = "invalid_input"

    def __init__(self, message: str, *, location: str | None = None) -> None:
        super().__init__(f"{location}: {message}" if location else message)
        self.location = location


class StorageError(DomainError):
    """The storage failed for a reason unrelated to the request (connection lost, disk full)."""

    code = "storage_error"


class RetryableError(DomainError):
    """A transient failure (a dependency unavailable): the work is retried later."""

    code = "retryable"
