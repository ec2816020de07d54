"""Open plain or gzip-compressed text files by path; gzip is recognised by its magic bytes."""

from __future__ import annotations

import gzip
import io
from collections.abc import Generator
from pathlib import Path
from typing import TextIO

GZIP_MAGIC = b"\x1f\x8b"


def is_gzip(path: str | Path) -> bool:
    """True when the file starts with the gzip magic bytes. Raises `OSError` if unreadable."""
    with open(path, "rb") as handle:
        return handle.read(2) == GZIP_MAGIC


def open_text(path: str | Path, encoding: str = "utf-8") -> TextIO:
    """Open `path` for reading text, decompressing gzip whatever the file name says.

    Universal newlines: lines end in `\\n` whatever the file used. Raises `OSError` when the
    file cannot be opened; while reading, `gzip.BadGzipFile` or `EOFError` (corrupt or truncated
    gzip) and `UnicodeDecodeError`.
    """
    if is_gzip(path):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding=encoding)
    return open(path, encoding=encoding)


def read_lines(path: str | Path, encoding: str = "utf-8") -> Generator[str, None, None]:
    """Yield the lines of a plain or gzip file one at a time; the file closes when the
    generator is exhausted or closed. Raises `OSError` as `open_text` does."""
    with open_text(path, encoding) as handle:
        yield from handle


def source_name(path: str | Path) -> str:
    """The name used for `path` in parse errors: its file name."""
    return Path(path).name
