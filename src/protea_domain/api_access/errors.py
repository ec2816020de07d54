"""Errors about API access and the API-owned records."""

from __future__ import annotations

from protea_domain.errors import ConflictError, DomainError, InvalidInputError, NotFoundError


class AuthenticationError(DomainError):
    """No API key, an unknown or wrong one, or a revoked one. The message never says which."""

    code = "unauthenticated"


class ApiKeyNotFoundError(NotFoundError):
    code = "api_key_not_found"

    def __init__(self, prefix: str) -> None:
        super().__init__(f"API key {prefix} not found")
        self.prefix = prefix


class ExperimentRunNotFoundError(NotFoundError):
    code = "experiment_run_not_found"

    def __init__(self, ref: str) -> None:
        super().__init__(f"experiment run {ref} not found")
        self.ref = ref


class DuplicateExperimentNameError(ConflictError):
    code = "experiment_name_taken"

    def __init__(self, name: str) -> None:
        super().__init__(f"an experiment run named {name!r} already exists")
        self.name = name


class IdempotencyKeyReusedError(InvalidInputError):
    """The key was used before with a different request body (RFC draft: 422)."""

    code = "idempotency_key_reused"

    def __init__(self, key: str) -> None:
        super().__init__("was used before with a different request", location="Idempotency-Key")
        self.key = key


class IdempotencyKeyInFlightError(ConflictError):
    """A request with the same key is still being processed (RFC draft: 409)."""

    code = "idempotency_key_in_flight"

    def __init__(self, key: str) -> None:
        super().__init__("a request with this Idempotency-Key is still being processed")
        self.key = key


class DuplicateRecordError(ConflictError):
    """Storage refused a record whose unique key is taken (adapters raise it; use cases
    translate it into the specific error above)."""

    code = "duplicate"
