"""S3 artifact store through the MinIO client: `s3://bucket/[prefix/]key` URIs."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import BinaryIO

from minio import Minio

from protea_adapters.artifacts.atomic import download_atomically
from protea_adapters.artifacts.part_sizes import DEFAULT_PART_SIZE, MAX_PART_SIZE, MIN_PART_SIZE
from protea_adapters.artifacts.prefixes import folder_prefix
from protea_adapters.artifacts.s3_client import validate_bucket
from protea_adapters.artifacts.s3_errors import s3_errors
from protea_adapters.artifacts.s3_stream import response_stream
from protea_adapters.artifacts.sources import source_size
from protea_domain.artifacts.errors import ArtifactNotFoundError
from protea_domain.artifacts.keys import is_valid_key, validate_key
from protea_domain.artifacts.uris import compose_uri, key_from_uri
from protea_domain.ports.artifact_store import ArtifactStore


class S3ArtifactStore(ArtifactStore):
    """Objects in one bucket, optionally under a key prefix.

    Objects larger than `part_size` are uploaded as multipart uploads (parts of `part_size`
    bytes, the last one shorter), which S3 completes atomically. Deleting a missing object is
    a no-op (S3 semantics). The bucket must exist (the factory creates it when asked).
    An invalid bucket name or part size raises ValueError. `endpoint` only names the server
    in error messages. Listing pages through ListObjectsV2 (1000 names a request) and skips
    names under the prefix that are not valid keys (folder markers ending in `/`, objects
    written by other tools).
    """

    def __init__(
        self,
        client: Minio,
        bucket: str,
        *,
        endpoint: str,
        prefix: str = "",
        part_size: int = DEFAULT_PART_SIZE,
    ) -> None:
        if not MIN_PART_SIZE <= part_size <= MAX_PART_SIZE:
            raise ValueError(f"part_size must be between {MIN_PART_SIZE} and {MAX_PART_SIZE} bytes")
        prefix = prefix.strip("/")
        self._prefix = validate_key(prefix) + "/" if prefix else ""
        self._client = client
        self._bucket = validate_bucket(bucket)
        self._part_size = part_size
        self._where = f"{endpoint} bucket {bucket}"
        self._base_uri = f"s3://{bucket}/{self._prefix}"

    @property
    def base_uri(self) -> str:
        return self._base_uri

    @property
    def part_size(self) -> int:
        return self._part_size

    def object_name(self, key: str) -> str:
        """The S3 object name of `key` (prefix + key)."""
        return self._prefix + validate_key(key)

    def uri(self, key: str) -> str:
        return compose_uri(self._base_uri, key)

    def key_for(self, uri: str) -> str:
        return key_from_uri(self._base_uri, uri)

    def put_bytes(self, key: str, data: bytes) -> str:
        name = self.object_name(key)
        with s3_errors(self._where, key):
            self._client.put_object(
                self._bucket, name, io.BytesIO(data), len(data), part_size=self._part_size
            )
        return self.uri(key)

    def put_file(self, key: str, source: Path) -> str:
        name = self.object_name(key)
        size = source_size(source)
        with s3_errors(self._where, key), source.open("rb") as src:
            self._client.put_object(self._bucket, name, src, size, part_size=self._part_size)
        return self.uri(key)

    def get_bytes(self, key: str) -> bytes:
        with self.open(key) as stream:
            return stream.read()

    def open(self, key: str) -> AbstractContextManager[BinaryIO]:
        return self._open(key)

    @contextmanager
    def _open(self, key: str) -> Iterator[BinaryIO]:
        name = self.object_name(key)
        with s3_errors(self._where, key):
            response = self._client.get_object(self._bucket, name)
        with response_stream(response, self._where) as stream:
            yield stream

    def download(self, key: str, destination: Path) -> Path:
        with self.open(key) as src:
            return download_atomically(src, destination)

    def exists(self, key: str) -> bool:
        name = self.object_name(key)
        try:
            with s3_errors(self._where, key):
                self._client.stat_object(self._bucket, name)
        except ArtifactNotFoundError:
            return False
        return True

    def delete(self, key: str) -> None:
        name = self.object_name(key)
        with s3_errors(self._where, key):
            self._client.remove_object(self._bucket, name)

    def list(self, prefix: str = "") -> list[str]:
        start = self._prefix + folder_prefix(prefix)
        with s3_errors(self._where):
            names = [
                item.object_name
                for item in self._client.list_objects(self._bucket, prefix=start, recursive=True)
            ]
        keys = (name.removeprefix(self._prefix) for name in names if name is not None)
        return sorted(key for key in keys if is_valid_key(key))
