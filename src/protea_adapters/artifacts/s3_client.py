"""Building MinIO clients with bounded timeouts and retries, and probing the bucket at start."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import certifi
import urllib3
from minio import Minio
from minio.error import MinioException, S3Error
from minio.helpers import check_bucket_name

from protea_adapters.artifacts.s3_errors import describe, s3_errors
from protea_domain.artifacts.errors import ArtifactStorageError, ArtifactStoreUnavailableError

RETRY_STATUSES = (500, 502, 503, 504)
_BUCKET_ALREADY_THERE = frozenset({"BucketAlreadyOwnedByYou", "BucketAlreadyExists"})


def split_endpoint(endpoint: str, secure: bool) -> tuple[str, bool]:
    """`host:port` and whether to use TLS. `http://` / `https://` prefixes decide TLS
    themselves; a bare `host[:port]` uses `secure`. Raises ValueError for anything else."""
    if "://" not in endpoint:
        if not endpoint or "/" in endpoint:
            raise ValueError(
                f"S3 endpoint {endpoint!r} must be host[:port] or http(s)://host[:port]"
            )
        return endpoint, secure
    parts = urlsplit(endpoint)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path.strip("/"):
        raise ValueError(f"S3 endpoint {endpoint!r} must be host[:port] or http(s)://host[:port]")
    return parts.netloc, parts.scheme == "https"


def validate_bucket(bucket: str) -> str:
    """`bucket` if it is a valid S3 bucket name (3-63 lowercase letters, digits, dots,
    hyphens; not an IP address), else ValueError naming it."""
    try:
        check_bucket_name(bucket, strict=True)
    except ValueError as exc:
        raise ValueError(f"S3 bucket {bucket!r} is not a valid bucket name: {exc}") from None
    return bucket


def build_client(
    host: str,
    *,
    secure: bool,
    access_key: str,
    secret_key: str,
    region: str | None,
    connect_timeout: float,
    read_timeout: float,
    retries: int,
) -> Minio:
    """A client whose every request gives up after `retries` retries of at most the given
    timeouts (the MinIO default waits 5 minutes and retries 5 times)."""
    http = urllib3.PoolManager(
        timeout=urllib3.Timeout(connect=connect_timeout, read=read_timeout),
        retries=urllib3.Retry(total=retries, backoff_factor=0.2, status_forcelist=RETRY_STATUSES),
        maxsize=10,
        cert_reqs="CERT_REQUIRED",
        ca_certs=os.environ.get("SSL_CERT_FILE") or certifi.where(),
    )
    return Minio(
        host,
        access_key=access_key,
        secret_key=secret_key,
        secure=secure,
        region=region,
        http_client=http,
    )


def probe_bucket(client: Minio, bucket: str, *, endpoint: str, create: bool) -> None:
    """Fail fast: `ArtifactStoreUnavailableError` naming `endpoint` when the server does not
    answer or refuses the credentials; create the bucket when missing and `create`, else
    `ArtifactStorageError`. `client` should be built with short timeouts and no retries."""
    try:
        found = client.bucket_exists(bucket)
    except (MinioException, urllib3.exceptions.HTTPError, OSError) as exc:
        raise ArtifactStoreUnavailableError(endpoint, describe(exc)) from exc
    if found:
        return
    if not create:
        raise ArtifactStorageError(f"S3 {endpoint}: bucket {bucket!r} does not exist")
    try:
        with s3_errors(f"{endpoint} bucket {bucket}"):
            client.make_bucket(bucket)
    except ArtifactStorageError as exc:
        cause = exc.__cause__
        if not (isinstance(cause, S3Error) and cause.code in _BUCKET_ALREADY_THERE):
            raise
