"""Choosing and building the process's artifact store from settings."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from protea_adapters.artifacts.local import LocalArtifactStore
from protea_adapters.artifacts.part_sizes import DEFAULT_PART_SIZE, MAX_PART_SIZE, MIN_PART_SIZE
from protea_domain.ports.artifact_store import ArtifactStore

logger = logging.getLogger(__name__)

S3_REQUIRED_FIELDS = ("s3_endpoint", "s3_bucket", "s3_access_key", "s3_secret_key")


@dataclass(frozen=True)
class ArtifactStoreConfig:
    """What the factory needs; mirrors the `artifacts` settings section. ValueError on
    construction for a part size outside the S3 limits or a non-positive timeout.

    S3 is used when all of `S3_REQUIRED_FIELDS` are set; with none of them set the local store
    under `local_root` is the (silent) embedded default; with only some of them, local again
    plus one warning naming what is missing.
    """

    local_root: Path
    s3_endpoint: str | None = None
    s3_bucket: str | None = None
    s3_access_key: str | None = None
    s3_secret_key: str | None = None
    s3_secure: bool = True
    s3_region: str | None = "us-east-1"
    s3_prefix: str = ""
    s3_part_size: int = DEFAULT_PART_SIZE
    s3_create_bucket: bool = True
    s3_connect_timeout: float = 3.0
    s3_read_timeout: float = 60.0
    s3_retries: int = 2
    s3_probe_timeout: float = 5.0

    def __post_init__(self) -> None:
        if not MIN_PART_SIZE <= self.s3_part_size <= MAX_PART_SIZE:
            raise ValueError(
                f"s3_part_size must be between {MIN_PART_SIZE} and {MAX_PART_SIZE} bytes"
            )
        for name in ("s3_connect_timeout", "s3_read_timeout", "s3_probe_timeout"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be > 0 seconds")
        if self.s3_retries < 0:
            raise ValueError("s3_retries must be >= 0")

    def missing_s3_fields(self) -> tuple[str, ...]:
        return tuple(name for name in S3_REQUIRED_FIELDS if not getattr(self, name))


def build_artifact_store(config: ArtifactStoreConfig) -> ArtifactStore:
    """The S3 store when configured (probed now: raises `ArtifactStoreUnavailableError` naming
    the endpoint within about `s3_probe_timeout` seconds when unreachable), else the local
    store. Raises ValueError for a malformed endpoint, bucket name or part size."""
    endpoint, bucket = config.s3_endpoint, config.s3_bucket
    access_key, secret_key = config.s3_access_key, config.s3_secret_key
    if endpoint and bucket and access_key and secret_key:
        return _build_s3(config, endpoint, bucket, access_key, secret_key)
    missing = config.missing_s3_fields()
    if len(missing) < len(S3_REQUIRED_FIELDS):
        logger.warning(
            "S3 artifact settings incomplete (missing %s): using the local store at %s",
            ", ".join(missing),
            config.local_root,
        )
    store = LocalArtifactStore(config.local_root)
    logger.info("artifact store: %s", store.base_uri)
    return store


def _build_s3(
    config: ArtifactStoreConfig, endpoint: str, bucket: str, access_key: str, secret_key: str
) -> ArtifactStore:
    # Imported here so that the local store works without the minio package installed.
    from protea_adapters.artifacts.s3 import S3ArtifactStore
    from protea_adapters.artifacts.s3_client import (
        build_client,
        probe_bucket,
        split_endpoint,
        validate_bucket,
    )

    host, secure = split_endpoint(endpoint, config.s3_secure)
    validate_bucket(bucket)
    client_for = partial(
        build_client,
        host,
        secure=secure,
        access_key=access_key,
        secret_key=secret_key,
        region=config.s3_region,
    )
    timeout = config.s3_probe_timeout
    probe = client_for(connect_timeout=timeout, read_timeout=timeout, retries=0)
    probe_bucket(probe, bucket, endpoint=endpoint, create=config.s3_create_bucket)
    client = client_for(
        connect_timeout=config.s3_connect_timeout,
        read_timeout=config.s3_read_timeout,
        retries=config.s3_retries,
    )
    store = S3ArtifactStore(
        client, bucket, endpoint=endpoint, prefix=config.s3_prefix, part_size=config.s3_part_size
    )
    logger.info("artifact store: %s at %s", store.base_uri, endpoint)
    return store
