"""Errors about artifacts; every artifact store adapter raises these and nothing else."""

from __future__ import annotations

from protea_domain.errors import ConflictError, InvalidInputError, NotFoundError, StorageError


class ArtifactNotFoundError(NotFoundError):
    """No artifact under this key (or URI) in the store."""

    code = "artifact_not_found"

    def __init__(self, key: str, *, where: str | None = None) -> None:
        super().__init__(f"artifact {key!r} not found" + (f" in {where}" if where else ""))
        self.key = key


class InvalidArtifactKeyError(InvalidInputError):
    """A key that breaks the key rules (see `protea_domain.artifacts.keys`) or that would
    resolve outside the store. Permanent: retrying cannot help."""

    code = "invalid_artifact_key"

    def __init__(self, key: object, reason: str) -> None:
        super().__init__(f"invalid artifact key {key!r}: {reason}")
        self.key = key
        self.reason = reason


class InvalidArtifactUriError(InvalidInputError):
    """A URI that is malformed or that does not belong to the store asked to resolve it."""

    code = "invalid_artifact_uri"

    def __init__(self, uri: object, reason: str) -> None:
        super().__init__(f"invalid artifact URI {uri!r}: {reason}")
        self.uri = uri
        self.reason = reason


class ArtifactKeyConflictError(ConflictError):
    """The key cannot hold an object because of another key: on a filesystem, `a` and `a/b`
    cannot both exist (a file is not a directory)."""

    code = "artifact_key_conflict"

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"artifact key {key!r} conflicts with an existing artifact: {reason}")
        self.key = key


class ArtifactStorageError(StorageError):
    """The store failed for a reason unrelated to the request: disk full, permission denied,
    server error, connection lost. May succeed when retried."""

    code = "artifact_storage_error"


class ArtifactStoreUnavailableError(ArtifactStorageError):
    """The configured store cannot be reached at all (raised when it is built, so a process
    with a wrong endpoint fails at start instead of at its first job). Names the endpoint."""

    code = "artifact_store_unavailable"

    def __init__(self, endpoint: str, reason: str) -> None:
        super().__init__(f"artifact store at {endpoint} is unreachable: {reason}")
        self.endpoint = endpoint
        self.reason = reason
