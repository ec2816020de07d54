"""Listing prefixes: the folder rule `ArtifactStore.list` states, shared by the adapters."""

from __future__ import annotations

from protea_domain.artifacts.errors import InvalidArtifactKeyError
from protea_domain.artifacts.keys import SEPARATOR, validate_key


def folder_prefix(prefix: object) -> str:
    """The folder `prefix` names, as the string every key under it starts with: `""` for the
    whole store, else the validated path with exactly one trailing `/` (`a/b` and `a/b/` both
    give `a/b/`). Raises `InvalidArtifactKeyError` naming `prefix` as given when the path
    breaks the key rules (absolute, `..`, empty or dot segment, foreign character)."""
    if not isinstance(prefix, str):
        raise InvalidArtifactKeyError(prefix, f"must be a string, not {type(prefix).__name__}")
    if not prefix:
        return ""
    folder = prefix.removesuffix(SEPARATOR)
    if not folder:
        raise InvalidArtifactKeyError(prefix, "must be relative (no leading '/')")
    try:
        validate_key(folder)
    except InvalidArtifactKeyError as exc:
        raise InvalidArtifactKeyError(prefix, exc.reason) from exc
    return folder + SEPARATOR
