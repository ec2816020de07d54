"""Local filesystem artifact store: `file://` URIs under one root directory."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import BinaryIO

from protea_adapters.artifacts.atomic import (
    COPY_CHUNK_BYTES,
    download_atomically,
    write_atomically,
)
from protea_adapters.artifacts.prefixes import folder_prefix
from protea_adapters.artifacts.sources import source_size
from protea_domain.artifacts.errors import (
    ArtifactKeyConflictError,
    ArtifactNotFoundError,
    ArtifactStorageError,
    InvalidArtifactKeyError,
)
from protea_domain.artifacts.keys import SEPARATOR, is_valid_key, validate_key
from protea_domain.artifacts.uris import compose_uri, key_from_uri
from protea_domain.ports.artifact_store import ArtifactStore


class LocalArtifactStore(ArtifactStore):
    """Objects are files under `root` (created if missing; symlinks in it resolved once).

    A key whose path would leave the root (through a symlink inside the tree; `..` and
    absolute paths are already refused by the key rules) raises `InvalidArtifactKeyError`.
    Writes go to a temp file in the target directory and are renamed over the target.
    Deleting prunes directories left empty. `a` and `a/b` cannot both exist
    (`ArtifactKeyConflictError`). Listing reports the regular files the store could have
    written: dot-names (temp files), names that are not valid keys and symlinks put into the
    tree by hand are skipped (a symlinked directory is not descended).
    """

    def __init__(self, root: Path) -> None:
        try:
            root.expanduser().mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ArtifactStorageError(
                f"cannot create artifact root {root}: {exc.strerror}"
            ) from exc
        self._root = Path(os.path.realpath(root.expanduser()))
        self._base_uri = self._root.as_uri().rstrip("/") + "/"

    @property
    def root(self) -> Path:
        return self._root

    @property
    def base_uri(self) -> str:
        return self._base_uri

    def uri(self, key: str) -> str:
        return compose_uri(self._base_uri, key)

    def key_for(self, uri: str) -> str:
        return key_from_uri(self._base_uri, uri)

    def put_bytes(self, key: str, data: bytes) -> str:
        target = self._path(key)
        with self._write_errors(key):
            write_atomically(target, lambda out: out.write(data))
        return self.uri(key)

    def put_file(self, key: str, source: Path) -> str:
        target = self._path(key)
        source_size(source)
        with self._write_errors(key), source.open("rb") as src:
            write_atomically(target, lambda out: shutil.copyfileobj(src, out, COPY_CHUNK_BYTES))
        return self.uri(key)

    def get_bytes(self, key: str) -> bytes:
        with self.open(key) as stream:
            return stream.read()

    def open(self, key: str) -> AbstractContextManager[BinaryIO]:
        return self._open(key)

    @contextmanager
    def _open(self, key: str) -> Iterator[BinaryIO]:
        path = self._path(key)
        try:
            stream = path.open("rb")
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError) as exc:
            raise ArtifactNotFoundError(key, where=self._base_uri) from exc
        except OSError as exc:
            raise self._storage_error(key, exc) from exc
        with stream:
            yield stream

    def download(self, key: str, destination: Path) -> Path:
        with self.open(key) as src:
            return download_atomically(src, destination)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        path = self._path(key)
        if path.is_dir():
            return  # a prefix of other keys, not an object
        try:
            path.unlink(missing_ok=True)
        except NotADirectoryError:
            return  # a parent is a file: nothing can be stored here
        except OSError as exc:
            raise self._storage_error(key, exc) from exc
        self._prune_empty_parents(path.parent)

    def list(self, prefix: str = "") -> list[str]:
        folder = folder_prefix(prefix)
        start = self._path(folder.removesuffix(SEPARATOR)) if folder else self._root
        try:
            return sorted(_walk(start, folder))
        except OSError as exc:
            raise self._storage_error(prefix, exc) from exc

    def _path(self, key: str) -> Path:
        """The resolved path of `key`, refused if it lands outside the root."""
        path = Path(os.path.realpath(self._root / validate_key(key)))
        if not path.is_relative_to(self._root) or path == self._root:
            raise InvalidArtifactKeyError(key, "resolves outside the store root (symlink)")
        return path

    def _prune_empty_parents(self, directory: Path) -> None:
        while directory != self._root and directory.is_relative_to(self._root):
            try:
                directory.rmdir()
            except OSError:
                return  # not empty (or gone, or busy): stop, best effort
            directory = directory.parent

    @contextmanager
    def _write_errors(self, key: str) -> Iterator[None]:
        try:
            yield
        except (NotADirectoryError, FileExistsError) as exc:
            raise ArtifactKeyConflictError(key, "a prefix of it is an artifact") from exc
        except IsADirectoryError as exc:
            raise ArtifactKeyConflictError(key, "it is a prefix of other artifacts") from exc
        except OSError as exc:
            raise self._storage_error(key, exc) from exc

    def _storage_error(self, key: str, exc: OSError) -> ArtifactStorageError:
        return ArtifactStorageError(
            f"local artifact store {self._root}: {key!r}: {exc.strerror or exc}"
        )


def _walk(start: Path, key_prefix: str) -> Iterator[str]:
    """The keys of the regular files under `start` (named from `key_prefix`), iteratively so
    that deep trees cannot exhaust the stack. Dot-names, names that are not keys and symlinks
    are skipped; a missing `start` (or a file there) has none. Other failures raise OSError."""
    pending = [(start, key_prefix)]
    while pending:
        directory, names_from = pending.pop()
        try:
            with os.scandir(directory) as scan:
                entries = list(scan)
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            key = names_from + entry.name
            if entry.name.startswith("."):
                continue  # temp files and bookkeeping: never a key
            if entry.is_dir(follow_symlinks=False):
                pending.append((Path(entry.path), key + SEPARATOR))
            elif entry.is_file(follow_symlinks=False) and is_valid_key(key):
                yield key
