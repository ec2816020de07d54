"""Issuing, checking, listing and revoking API keys."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

from protea_domain.api_access.api_keys import (
    MAX_NAME_LENGTH,
    ApiKey,
    IssuedKey,
    key_digest,
    key_prefix,
    new_raw_key,
)
from protea_domain.api_access.errors import AuthenticationError
from protea_domain.api_access.ports.unit_of_work import ApiUnitOfWork
from protea_domain.errors import InvalidInputError
from protea_domain.ports.clock import Clock

LAST_USED_RESOLUTION = timedelta(minutes=1)


def create_api_key(uow: ApiUnitOfWork, clock: Clock, name: str) -> IssuedKey:
    """Store a new key named `name`; the returned raw key is never stored nor shown again."""
    name = name.strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise InvalidInputError(f"must be 1-{MAX_NAME_LENGTH} characters", location="name")
    prefix, raw = new_raw_key()
    key = ApiKey(uuid4(), name, prefix, key_digest(raw), clock.now())
    with uow:
        uow.api_keys.add(key)
        uow.commit()
    return IssuedKey(key, raw)


def authenticate(uow: ApiUnitOfWork, clock: Clock, raw_key: str | None) -> ApiKey:
    """The live key `raw_key` belongs to, its `last_used_at` updated (at most once per
    `LAST_USED_RESOLUTION`, so a busy key does not cost a write per request). Raises
    `AuthenticationError` (one message for missing, malformed, unknown, wrong and revoked)."""
    prefix = key_prefix(raw_key) if raw_key else None
    if raw_key is None or prefix is None:
        raise AuthenticationError("a valid API key is required")
    with uow:
        key = uow.api_keys.by_prefix(prefix)
        if key is None or not key.matches(raw_key) or key.is_revoked:
            raise AuthenticationError("a valid API key is required")
        now = clock.now()
        if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
            uow.api_keys.touch(prefix, now)
            uow.commit()
            key = key.used(now)
    return key


def list_api_keys(uow: ApiUnitOfWork) -> list[ApiKey]:
    with uow:
        return uow.api_keys.list()


def revoke_api_key(uow: ApiUnitOfWork, clock: Clock, prefix: str) -> ApiKey:
    """Revoke (never delete) the key. Raises `ApiKeyNotFoundError`."""
    with uow:
        key = uow.api_keys.revoke(prefix, clock.now())
        uow.commit()
    return key
