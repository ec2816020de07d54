"""Where a load reads from: a local path, or a URL fetched through the `RemoteFiles` port."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from protea_domain.errors import InvalidInputError
from protea_domain.parsing.opener import read_lines
from protea_domain.ports.remote_files import RemoteFiles

URL_SCHEMES = ("http://", "https://", "ftp://")


def is_url(location: str) -> bool:
    return location.startswith(URL_SCHEMES)


@contextmanager
def local_file(location: str, remote: RemoteFiles | None, field: str) -> Iterator[Path]:
    """A readable local path for `location`; a URL is downloaded and deleted afterwards.
    Raises `InvalidInputError` naming `field` for a missing file or an unsupported URL."""
    if is_url(location):
        if remote is None:
            raise InvalidInputError("URLs are not supported here", location=field)
        path = remote.fetch(location)
        try:
            yield path
        finally:
            path.unlink(missing_ok=True)
        return
    path = Path(location).expanduser()
    if not path.is_file():
        raise InvalidInputError(f"no such file: {location}", location=field)
    yield path


def count_fasta_records(path: Path) -> int:
    """Headers in a FASTA file (plain or gzip): the progress total of a load."""
    return sum(1 for line in read_lines(path) if line.startswith(">"))


def count_data_lines(path: Path) -> int:
    """Non-comment, non-blank lines (a header line included): a progress total."""
    return sum(1 for line in read_lines(path) if line.strip() and not line.startswith("!"))
