"""Artifact store port."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import BinaryIO, Protocol


class ArtifactStore(Protocol):
    """Opaque binary objects addressed by key, outside any unit of work (not transactional).

    Keys follow `protea_domain.artifacts.keys` (slash-separated, relative, narrow alphabet); a
    key that breaks the rules raises `InvalidArtifactKeyError` before storage is touched. Every
    object also has a URI (`file:///root/key`, `s3://bucket/key`) that callers persist verbatim
    and later resolve with `key_for`. Writes replace whole objects atomically: a reader sees the
    old object or the new one, never a part. A missing object raises `ArtifactNotFoundError`; a
    failing store raises `ArtifactStorageError`. Implementations are safe to share between
    threads.
    """

    def put_bytes(self, key: str, data: bytes) -> str:
        """Store `data` under `key`, replacing any existing object, and return its URI.
        Idempotent: the same call twice leaves the same object. Filesystem stores raise
        `ArtifactKeyConflictError` when `key` or one of its prefixes is held by a
        directory/object that cannot coexist with it."""
        ...

    def put_file(self, key: str, source: Path) -> str:
        """Like `put_bytes`, streaming the content of the local file `source` (large objects do
        not pass through memory; object stores upload them in parts). Raises
        `InvalidInputError` when `source` is not a readable regular file."""
        ...

    def get_bytes(self, key: str) -> bytes:
        """The whole object in memory. Raises `ArtifactNotFoundError`."""
        ...

    def open(self, key: str) -> AbstractContextManager[BinaryIO]:
        """A readable binary stream over the object, closed when the block exits. Raises
        `ArtifactNotFoundError` on entry (not on the first read)."""
        ...

    def download(self, key: str, destination: Path) -> Path:
        """Stream the object into the local file `destination` (parents created, an existing
        file replaced atomically) and return `destination`. Raises `ArtifactNotFoundError`,
        in which case `destination` is left untouched."""
        ...

    def exists(self, key: str) -> bool:
        """Whether an object is stored under `key` exactly (a mere prefix of other keys is not
        an object). Never raises `ArtifactNotFoundError`."""
        ...

    def delete(self, key: str) -> None:
        """Remove the object. Idempotent: deleting a missing key is a no-op."""
        ...

    def list(self, prefix: str = "") -> list[str]:
        """The keys of every object under the folder `prefix`, at any depth, sorted by code
        point (the byte order of their UTF-8 form). Read-only; idempotent.

        `prefix` names a folder: `""` for the whole store, or a key-shaped path with an
        optional single trailing `/`, so `list("a/b")` and `list("a/b/")` are the same call.
        It matches keys that start with `a/b/` (`a/b/c`, `a/b/c/d`), never a sibling that
        merely shares characters (`a/bc`) nor an object stored under `a/b` itself. Keys come
        back whole (usable with `get_bytes`), not relative to the prefix. A folder with no
        object under it, or one that does not exist, gives `[]`. A prefix that breaks the key
        rules (absolute, `..`, empty or dot segment, foreign character) raises
        `InvalidArtifactKeyError` before storage is touched; a failing store raises
        `ArtifactStorageError`. Not a snapshot: objects written or deleted while the listing
        runs may or may not appear."""
        ...

    def uri(self, key: str) -> str:
        """The URI of `key` in this store, whether or not an object exists there. Stable: the
        same key always gives the same string, the one `put_*` returns."""
        ...

    def key_for(self, uri: str) -> str:
        """The key a URI of this store names: `key_for(uri(k)) == k`. Raises
        `InvalidArtifactUriError` for a URI of another store (other scheme, bucket or root)."""
        ...
