"""Translation of MinIO client / urllib3 failures into artifact domain errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import urllib3
from minio.error import MinioException, S3Error

from protea_domain.artifacts.errors import ArtifactNotFoundError, ArtifactStorageError

MISSING_OBJECT_CODES = frozenset({"NoSuchKey", "NotFound"})


def describe(exc: BaseException) -> str:
    """A short, secret-free description of a driver failure."""
    if isinstance(exc, S3Error):
        return f"{exc.code}: {exc.message}"
    if isinstance(exc, urllib3.exceptions.MaxRetryError) and exc.reason is not None:
        return f"{type(exc.reason).__name__}: {exc.reason}"
    return f"{type(exc).__name__}: {exc}"


@contextmanager
def s3_errors(where: str, key: str | None = None) -> Iterator[None]:
    """Re-raise driver failures as `ArtifactNotFoundError` (missing object, when `key` is
    given) or `ArtifactStorageError` naming `where` (endpoint and bucket)."""
    try:
        yield
    except S3Error as exc:
        if key is not None and exc.code in MISSING_OBJECT_CODES:
            raise ArtifactNotFoundError(key, where=where) from exc
        raise ArtifactStorageError(f"S3 {where}: {describe(exc)}") from exc
    except (MinioException, urllib3.exceptions.HTTPError, OSError) as exc:
        raise ArtifactStorageError(f"S3 {where}: {describe(exc)}") from exc
