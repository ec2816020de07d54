"""The artifact store factory: local fallback, fail-fast S3 probing (no S3 server needed)."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from protea_adapters.artifacts.factory import ArtifactStoreConfig, build_artifact_store
from protea_adapters.artifacts.local import LocalArtifactStore
from protea_adapters.artifacts.s3_client import split_endpoint
from protea_domain.artifacts.errors import ArtifactStoreUnavailableError

SECRET = "s3cr3t-value"


def warnings_in(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_no_s3_settings_gives_the_local_store_silently(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    store = build_artifact_store(ArtifactStoreConfig(local_root=tmp_path / "art"))
    assert isinstance(store, LocalArtifactStore)
    assert (tmp_path / "art").is_dir()
    assert warnings_in(caplog) == []


@pytest.mark.parametrize(
    ("given", "missing"),
    [
        ({"s3_endpoint": "127.0.0.1:9"}, "s3_bucket, s3_access_key, s3_secret_key"),
        ({"s3_bucket": "b", "s3_secret_key": SECRET}, "s3_endpoint, s3_access_key"),
        (
            {"s3_endpoint": "h:1", "s3_bucket": "b", "s3_access_key": "k", "s3_secret_key": ""},
            "s3_secret_key",
        ),
    ],
)
def test_incomplete_s3_settings_fall_back_to_local_with_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, given: dict[str, str], missing: str
) -> None:
    caplog.set_level(logging.INFO)
    config = ArtifactStoreConfig(local_root=tmp_path / "art", **given)  # type: ignore[arg-type]
    store = build_artifact_store(config)
    assert isinstance(store, LocalArtifactStore)
    [warning] = warnings_in(caplog)
    assert f"missing {missing}" in warning.getMessage()
    assert str(tmp_path / "art") in warning.getMessage()
    assert SECRET not in caplog.text


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Accepts TCP connections (kernel backlog) and never answers a byte."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield f"127.0.0.1:{sock.getsockname()[1]}"


def s3_config(tmp_path: Path, endpoint: str, probe_timeout: float = 1.0) -> ArtifactStoreConfig:
    return ArtifactStoreConfig(
        local_root=tmp_path / "art",
        s3_endpoint=endpoint,
        s3_bucket="protea",
        s3_access_key="key",
        s3_secret_key=SECRET,
        s3_secure=False,
        s3_probe_timeout=probe_timeout,
    )


def test_unreachable_s3_fails_fast_naming_the_endpoint(tmp_path: Path) -> None:
    endpoint = f"127.0.0.1:{closed_port()}"
    started = time.monotonic()
    with pytest.raises(ArtifactStoreUnavailableError) as caught:
        build_artifact_store(s3_config(tmp_path, endpoint))
    assert time.monotonic() - started < 3.0
    assert caught.value.endpoint == endpoint
    assert endpoint in str(caught.value)
    assert SECRET not in str(caught.value)
    assert not (tmp_path / "art").exists()


def test_a_silent_s3_server_fails_within_the_probe_timeout(
    tmp_path: Path, silent_server: str
) -> None:
    started = time.monotonic()
    with pytest.raises(ArtifactStoreUnavailableError, match=silent_server):
        build_artifact_store(s3_config(tmp_path, silent_server, probe_timeout=0.5))
    elapsed = time.monotonic() - started
    assert 0.4 <= elapsed < 3.0


@pytest.mark.parametrize(
    ("endpoint", "secure", "expected"),
    [
        ("minio.local:9000", True, ("minio.local:9000", True)),
        ("127.0.0.1:9000", False, ("127.0.0.1:9000", False)),
        ("http://s3.example:80", True, ("s3.example:80", False)),
        ("https://s3.example", False, ("s3.example", True)),
        ("https://s3.example/", False, ("s3.example", True)),
    ],
)
def test_endpoints_with_or_without_scheme(
    endpoint: str, secure: bool, expected: tuple[str, bool]
) -> None:
    assert split_endpoint(endpoint, secure) == expected


@pytest.mark.parametrize("endpoint", ["ftp://h:1", "http://h:1/path", "h:1/path", "", "http://"])
def test_malformed_endpoints_are_refused_naming_them(endpoint: str) -> None:
    with pytest.raises(ValueError, match="S3 endpoint"):
        split_endpoint(endpoint, True)


@pytest.mark.parametrize("bucket", ["Upper_Case", "ab", "10.0.0.1"])
def test_invalid_bucket_names_are_refused_before_any_connection(
    tmp_path: Path, bucket: str
) -> None:
    config = ArtifactStoreConfig(
        local_root=tmp_path / "art",
        s3_endpoint=f"127.0.0.1:{closed_port()}",
        s3_bucket=bucket,
        s3_access_key="key",
        s3_secret_key=SECRET,
    )
    with pytest.raises(ValueError, match=f"S3 bucket {bucket!r}"):
        build_artifact_store(config)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("s3_part_size", 5 * 1024 * 1024 - 1),
        ("s3_part_size", 5 * 1024**3 + 1),
        ("s3_connect_timeout", 0),
        ("s3_probe_timeout", -1.0),
        ("s3_retries", -1),
    ],
)
def test_out_of_range_numbers_are_refused_naming_the_field(
    tmp_path: Path, field: str, value: float
) -> None:
    with pytest.raises(ValueError, match=field):
        ArtifactStoreConfig(local_root=tmp_path, **{field: value})  # type: ignore[arg-type]
