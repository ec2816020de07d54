"""API key repository port."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from protea_domain.api_access.api_keys import ApiKey


class ApiKeyRepository(Protocol):
    """Stored API keys, inside a unit of work (transactional). Keys are never deleted."""

    def add(self, key: ApiKey) -> None:
        """Store a new key. Raises `DuplicateRecordError` when its prefix is taken."""
        ...

    def by_prefix(self, prefix: str) -> ApiKey | None:
        """The key with this prefix, revoked or not; None when there is none."""
        ...

    def list(self) -> list[ApiKey]:
        """Every key, revoked ones included, oldest first."""
        ...

    def revoke(self, prefix: str, at: datetime) -> ApiKey:
        """Mark the key revoked at `at` (the row stays). Idempotent: revoking a revoked key
        keeps its first revocation time. Raises `ApiKeyNotFoundError`."""
        ...

    def touch(self, prefix: str, at: datetime) -> None:
        """Set `last_used_at`; a missing key is ignored."""
        ...
