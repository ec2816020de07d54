"""API keys: a raw key is shown once; only its SHA-256 hex digest is stored, found by prefix."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID

KEY_SCHEME = "protea"
PREFIX_BYTES = 6
SECRET_BYTES = 32
MAX_NAME_LENGTH = 200
_RAW_KEY = re.compile(rf"^{KEY_SCHEME}_([0-9a-f]{{{PREFIX_BYTES * 2}}})_[A-Za-z0-9_-]{{20,128}}$")


def key_digest(raw_key: str) -> str:
    """The stored form of a key: SHA-256 of its UTF-8 bytes, in hex."""
    return hashlib.sha256(raw_key.encode()).hexdigest()


def key_prefix(raw_key: str) -> str | None:
    """The lookup prefix embedded in a well-formed raw key, else None."""
    match = _RAW_KEY.match(raw_key)
    return match.group(1) if match else None


@dataclass(frozen=True, slots=True)
class ApiKey:
    id: UUID
    name: str
    prefix: str
    digest: str
    created_at: datetime
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def matches(self, raw_key: str) -> bool:
        """Constant-time comparison of `raw_key`'s digest with the stored one."""
        return hmac.compare_digest(key_digest(raw_key), self.digest)

    def used(self, at: datetime) -> ApiKey:
        return replace(self, last_used_at=at)


@dataclass(frozen=True, slots=True)
class IssuedKey:
    """A new key and its raw form: the only time the raw form exists."""

    key: ApiKey
    raw: str


def new_raw_key() -> tuple[str, str]:
    """A fresh (prefix, raw key) from the operating system's CSPRNG."""
    prefix = secrets.token_hex(PREFIX_BYTES)
    return prefix, f"{KEY_SCHEME}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
