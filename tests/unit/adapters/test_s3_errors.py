"""The S3 adapter turns driver failures into domain errors (no S3 server needed)."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import urllib3

from protea_adapters.artifacts.s3 import S3ArtifactStore
from protea_adapters.artifacts.s3_client import build_client
from protea_adapters.artifacts.s3_stream import response_stream
from protea_domain.artifacts.errors import ArtifactNotFoundError, ArtifactStorageError


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def unreachable_store() -> S3ArtifactStore:
    endpoint = f"127.0.0.1:{closed_port()}"
    client = build_client(
        endpoint,
        secure=False,
        access_key="k",
        secret_key="s",
        region="us-east-1",
        connect_timeout=1,
        read_timeout=1,
        retries=2,
    )
    return S3ArtifactStore(client, "bucket", endpoint=endpoint)


def test_a_lost_server_is_a_storage_error_for_every_method(
    unreachable_store: S3ArtifactStore, tmp_path: Path
) -> None:
    source = tmp_path / "src.bin"
    source.write_bytes(b"x")
    calls: list[Callable[[], object]] = [
        lambda: unreachable_store.put_bytes("k", b"x"),
        lambda: unreachable_store.put_file("k", source),
        lambda: unreachable_store.get_bytes("k"),
        lambda: unreachable_store.download("k", tmp_path / "out"),
        lambda: unreachable_store.exists("k"),  # never a silent False
        lambda: unreachable_store.delete("k"),
    ]
    started = time.monotonic()
    for call in calls:
        with pytest.raises(ArtifactStorageError) as caught:
            call()
        assert not isinstance(caught.value, ArtifactNotFoundError)
        assert "127.0.0.1:" in str(caught.value)
        assert "bucket" in str(caught.value)
    assert time.monotonic() - started < 15  # bounded retries, no 5-minute waits
    assert not (tmp_path / "out").exists()


def test_part_sizes_outside_the_s3_limits_are_refused(
    unreachable_store: S3ArtifactStore,
) -> None:
    client = unreachable_store._client
    for size in (5 * 1024 * 1024 - 1, 5 * 1024**3 + 1):
        with pytest.raises(ValueError, match="part_size"):
            S3ArtifactStore(client, "b", endpoint="e", part_size=size)


class BrokenResponse:
    """Serves some bytes, then fails like a connection dropped mid-body."""

    def __init__(self, first: bytes) -> None:
        self._first: bytes | None = first
        self.released = False

    def read(self, amount: int) -> bytes:
        if self._first is not None:
            chunk, self._first = self._first, None
            return chunk
        raise urllib3.exceptions.ProtocolError("Connection broken: IncompleteRead")

    def close(self) -> None:
        pass

    def release_conn(self) -> None:
        self.released = True


def test_a_body_cut_mid_stream_is_a_storage_error_and_releases_the_connection() -> None:
    response = BrokenResponse(b"abc")
    with response_stream(response, "server bucket b") as stream:  # type: ignore[arg-type]
        assert stream.read(3) == b"abc"
        with pytest.raises(ArtifactStorageError, match="server bucket b"):
            stream.read()
    assert response.released
