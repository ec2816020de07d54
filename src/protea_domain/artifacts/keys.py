"""Artifact keys: slash-separated relative names, valid alike on POSIX filesystems and S3.

Rules (checked by `validate_key`, enforced by every store before touching storage):
- a non-empty string of at most `MAX_KEY_BYTES` bytes in UTF-8;
- segments separated by single `/`: no leading or trailing slash, no empty segment;
- each segment at most `MAX_SEGMENT_BYTES` bytes, of ASCII letters, digits and
  `SAFE_PUNCTUATION`;
- no segment starts with a dot (so `.` and `..` are impossible, and stores may keep their own
  bookkeeping files under dot-names without ever colliding with a key).
The narrow alphabet keeps keys verbatim inside `file://` and `s3://` URIs (no escaping).
"""

from __future__ import annotations

import re

from protea_domain.artifacts.errors import InvalidArtifactKeyError

MAX_KEY_BYTES = 1024
MAX_SEGMENT_BYTES = 255
SEPARATOR = "/"
SAFE_PUNCTUATION = "._-=+@,~"

_SEGMENT = re.compile(r"[A-Za-z0-9._\-=+@,~]+")


def validate_key(key: object) -> str:
    """Return `key` unchanged if it follows the rules; raise `InvalidArtifactKeyError` naming
    the first rule it breaks."""
    if not isinstance(key, str):
        raise InvalidArtifactKeyError(key, f"must be a string, not {type(key).__name__}")
    if not key:
        raise InvalidArtifactKeyError(key, "must not be empty")
    if len(key.encode("utf-8")) > MAX_KEY_BYTES:
        raise InvalidArtifactKeyError(key, f"longer than {MAX_KEY_BYTES} bytes")
    if key.startswith(SEPARATOR):
        raise InvalidArtifactKeyError(key, "must be relative (no leading '/')")
    if key.endswith(SEPARATOR):
        raise InvalidArtifactKeyError(key, "must not end with '/'")
    for segment in key.split(SEPARATOR):
        _check_segment(key, segment)
    return key


def _check_segment(key: str, segment: str) -> None:
    if not segment:
        raise InvalidArtifactKeyError(key, "empty segment ('//')")
    if segment.startswith("."):
        reason = "'..' segment" if segment == ".." else "segment starting with '.'"
        raise InvalidArtifactKeyError(key, reason)
    if len(segment) > MAX_SEGMENT_BYTES:
        raise InvalidArtifactKeyError(key, f"segment longer than {MAX_SEGMENT_BYTES} bytes")
    if not _SEGMENT.fullmatch(segment):
        bad = next(ch for ch in segment if not _SEGMENT.fullmatch(ch))
        raise InvalidArtifactKeyError(
            key, f"character {bad!r} not allowed (letters, digits and {SAFE_PUNCTUATION!r})"
        )


def is_valid_key(key: object) -> bool:
    try:
        validate_key(key)
    except InvalidArtifactKeyError:
        return False
    return True


def join_key(*parts: str) -> str:
    """Join key fragments with '/' and validate the result."""
    return validate_key(SEPARATOR.join(parts))
