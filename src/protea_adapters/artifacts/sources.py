"""Checks on the local files callers hand to `put_file`."""

from __future__ import annotations

import stat
from pathlib import Path

from protea_domain.errors import InvalidInputError


def source_size(source: Path) -> int:
    """Size of the regular file `source`; `InvalidInputError` naming it when it is missing,
    unreadable or not a regular file."""
    try:
        info = source.stat()
    except OSError as exc:
        raise InvalidInputError(
            f"cannot read source file: {exc.strerror}", location=str(source)
        ) from exc
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInputError("source is not a regular file", location=str(source))
    return info.st_size
