"""Atomic file replacement: write a hidden temp file beside the target, fsync, rename over it."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from protea_domain.artifacts.errors import ArtifactStorageError

COPY_CHUNK_BYTES = 1024 * 1024

TEMP_PREFIX = ".protea-tmp-"
"""Temp files start with a dot: artifact keys never do, so they cannot collide with one."""

_MKDIR_ATTEMPTS = 3


def write_atomically(target: Path, write: Callable[[BinaryIO], object]) -> None:
    """Create `target`'s parents, let `write` fill a temp file in the same directory, then
    rename it over `target` (atomic on POSIX). On any failure the temp file is removed and
    `target` is untouched. OSError propagates to the caller, who translates it."""
    fd, temp = _create_temp(target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_directory(target.parent)


def download_atomically(source: BinaryIO, destination: Path) -> Path:
    """Copy `source` into `destination` atomically (a partial copy never appears); a local
    write failure raises `ArtifactStorageError` naming the destination."""
    try:
        write_atomically(destination, lambda out: shutil.copyfileobj(source, out, COPY_CHUNK_BYTES))
    except OSError as exc:
        raise ArtifactStorageError(f"cannot write {destination}: {exc.strerror or exc}") from exc
    return destination


def _create_temp(directory: Path) -> tuple[int, Path]:
    # A concurrent delete may prune the freshly made directory: make it again and retry.
    for attempt in range(_MKDIR_ATTEMPTS):
        directory.mkdir(parents=True, exist_ok=True)
        temp = directory / f"{TEMP_PREFIX}{secrets.token_hex(8)}"
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), temp
        except FileNotFoundError:
            if attempt == _MKDIR_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable; best effort (some filesystems refuse fsync on directories)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
