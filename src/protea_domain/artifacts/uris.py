"""Artifact URIs: a store's base URI followed by a key, persisted verbatim.

`file:///abs/root/` + key for the local store, `s3://bucket/` (or `s3://bucket/prefix/`) + key
for S3. Because keys never need escaping, a URI is exactly `base + key`, and resolving it back
is a prefix check followed by key validation.
"""

from __future__ import annotations

from protea_domain.artifacts.errors import InvalidArtifactUriError
from protea_domain.artifacts.keys import validate_key

SUPPORTED_SCHEMES = ("file", "s3")


def compose_uri(base_uri: str, key: str) -> str:
    """The URI of `key` under a store whose base URI (ending in '/') is `base_uri`."""
    return base_uri + validate_key(key)


def key_from_uri(base_uri: str, uri: object) -> str:
    """The key that `uri` names under `base_uri`. Raises `InvalidArtifactUriError` when the URI
    is not a string, uses another scheme, or points outside this base (another bucket, another
    root); raises `InvalidArtifactKeyError` when the remainder is not a valid key."""
    if not isinstance(uri, str):
        raise InvalidArtifactUriError(uri, f"must be a string, not {type(uri).__name__}")
    scheme, sep, _ = uri.partition("://")
    if not sep or scheme not in SUPPORTED_SCHEMES:
        raise InvalidArtifactUriError(uri, f"scheme must be one of {', '.join(SUPPORTED_SCHEMES)}")
    if not uri.startswith(base_uri) or len(uri) == len(base_uri):
        raise InvalidArtifactUriError(uri, f"not an artifact of the store at {base_uri}")
    return validate_key(uri[len(base_uri) :])
