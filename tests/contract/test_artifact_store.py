"""The artifact store contract on every adapter, plus what only one adapter can show."""

from __future__ import annotations

import errno
import io
import math
import os
import uuid
from collections.abc import Generator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from protea_adapters.artifacts.atomic import TEMP_PREFIX, write_atomically
from protea_adapters.artifacts.factory import ArtifactStoreConfig, build_artifact_store
from protea_adapters.artifacts.local import LocalArtifactStore
from protea_adapters.evaluation_wiring import LazyArtifactStore
from protea_domain.artifacts.errors import (
    ArtifactKeyConflictError,
    ArtifactStorageError,
    InvalidArtifactKeyError,
)
from protea_domain.ports.artifact_store import ArtifactStore
from tests.conftest import service_missing
from tests.contract.artifact_store_contract import MIB, ArtifactStoreContract

S3_ENDPOINT = os.environ.get("PROTEA_TEST_S3_ENDPOINT", "127.0.0.1:9000")
S3_ACCESS_KEY = os.environ.get("PROTEA_TEST_S3_ACCESS_KEY", "testing")
S3_SECRET_KEY = os.environ.get("PROTEA_TEST_S3_SECRET_KEY", "testing")
S3_PART_SIZE = 5 * MIB  # the S3 minimum: the contract's large object needs several parts


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if not p.is_dir())


class TestLocalArtifactStore(ArtifactStoreContract):
    uri_prefix = "file:///"

    @pytest.fixture
    def root(self, tmp_path: Path) -> Path:
        return tmp_path / "artifact root"  # a space: the file URI must still round trip

    @pytest.fixture
    def store(self, root: Path) -> ArtifactStore:
        return LocalArtifactStore(root)

    def test_objects_are_plain_files_under_the_root(self, root: Path) -> None:
        store = LocalArtifactStore(root)
        uri = store.put_bytes("a/b/c.txt", b"hello")
        assert (root / "a" / "b" / "c.txt").read_bytes() == b"hello"
        assert uri == (root / "a" / "b" / "c.txt").as_uri()

    def test_symlink_out_of_the_root_is_refused(self, root: Path, tmp_path: Path) -> None:
        store = LocalArtifactStore(root)
        outside = tmp_path / "outside"
        outside.mkdir()
        (outside / "secret").write_bytes(b"secret")
        (root / "escape").symlink_to(outside, target_is_directory=True)
        for call in (
            lambda: store.get_bytes("escape/secret"),
            lambda: store.put_bytes("escape/new", b"x"),
            lambda: store.exists("escape/secret"),
            lambda: store.delete("escape/secret"),
            lambda: store.list("escape"),
            lambda: store.list("escape/"),
        ):
            with pytest.raises(InvalidArtifactKeyError, match="outside the store root"):
                call()
        assert sorted(p.name for p in outside.iterdir()) == ["secret"]

    def test_symlink_inside_the_root_is_followed(self, root: Path) -> None:
        store = LocalArtifactStore(root)
        store.put_bytes("real/file", b"data")
        (root / "alias").symlink_to(root / "real", target_is_directory=True)
        assert store.get_bytes("alias/file") == b"data"
        assert store.list("alias") == ["alias/file"]  # a prefix resolves like a key
        assert store.list("") == ["real/file"]  # the walk does not descend symlinks

    def test_listing_skips_what_the_store_cannot_have_written(self, root: Path) -> None:
        store = LocalArtifactStore(root)
        store.put_bytes("d/a", b"a")
        store.put_bytes("d/sub/b", b"b")
        (root / "d" / f"{TEMP_PREFIX}half-written").write_bytes(b"partial")
        (root / "d" / ".bookkeeping").mkdir()
        (root / "d" / ".bookkeeping" / "c").write_bytes(b"c")
        (root / "d" / "with space").write_bytes(b"dropped by hand")
        (root / "d" / "link").symlink_to(root / "d" / "a")
        os.mkfifo(root / "d" / "fifo")
        assert store.list("d") == ["d/a", "d/sub/b"]
        assert store.list("") == ["d/a", "d/sub/b"]

    def test_a_listing_failure_is_a_storage_error(
        self, root: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        store = LocalArtifactStore(root)
        store.put_bytes("locked/a", b"x")

        def denied(path: object) -> None:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))

        monkeypatch.setattr("protea_adapters.artifacts.local.os.scandir", denied)
        with pytest.raises(ArtifactStorageError, match="Permission denied") as caught:
            store.list("locked")
        assert "locked" in str(caught.value)

    def test_a_root_given_through_a_symlink_is_resolved(self, tmp_path: Path) -> None:
        real = tmp_path / "real-root"
        real.mkdir()
        (tmp_path / "link-root").symlink_to(real, target_is_directory=True)
        store = LocalArtifactStore(tmp_path / "link-root")
        uri = store.put_bytes("k", b"v")
        assert uri == (real / "k").as_uri()
        assert (real / "k").read_bytes() == b"v"

    def test_file_and_directory_on_the_same_path_conflict(self, root: Path) -> None:
        store = LocalArtifactStore(root)
        store.put_bytes("a", b"file")
        with pytest.raises(ArtifactKeyConflictError):
            store.put_bytes("a/b", b"under a file")
        store.put_bytes("x/y", b"nested")
        with pytest.raises(ArtifactKeyConflictError):
            store.put_bytes("x", b"over a directory")
        assert store.get_bytes("a") == b"file"
        assert store.get_bytes("x/y") == b"nested"
        assert files_under(root) == ["a", "x/y"]

    def test_writes_leave_no_temp_files_and_deletes_prune_empty_dirs(self, root: Path) -> None:
        store = LocalArtifactStore(root)
        store.put_bytes("p/q/r", b"1")
        store.put_bytes("p/q/r", b"2")
        store.put_bytes("p/s", b"3")
        assert files_under(root) == ["p/q/r", "p/s"]
        store.delete("p/q/r")
        assert not (root / "p" / "q").exists()
        assert (root / "p").is_dir()
        store.delete("p/s")
        assert list(root.iterdir()) == []
        assert root.is_dir()

    def test_a_failed_write_leaves_the_old_object_and_no_temp_file(self, root: Path) -> None:
        store = LocalArtifactStore(root)
        store.put_bytes("keep", b"old")

        def half_then_fail(out: object) -> None:
            assert hasattr(out, "write")
            out.write(b"partial")
            raise RuntimeError("disk on fire")

        with pytest.raises(RuntimeError, match="disk on fire"):
            write_atomically(root / "keep", half_then_fail)
        assert store.get_bytes("keep") == b"old"
        assert not any(p.name.startswith(TEMP_PREFIX) for p in root.iterdir())

    def test_os_failures_are_storage_errors(
        self, root: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        store = LocalArtifactStore(root)
        store.put_bytes("full", b"old")

        def disk_full(*_: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr("protea_adapters.artifacts.atomic.os.replace", disk_full)
        with pytest.raises(ArtifactStorageError, match="No space left"):
            store.put_bytes("full", b"new")
        monkeypatch.undo()
        assert store.get_bytes("full") == b"old"
        assert files_under(root) == ["full"]


class TestLazyArtifactStore(ArtifactStoreContract):
    """The evaluation wiring's lazy wrapper must keep every promise of the store it builds."""

    uri_prefix = "file:///"

    @pytest.fixture
    def store(self, tmp_path: Path) -> ArtifactStore:
        return LazyArtifactStore(lambda: LocalArtifactStore(tmp_path / "lazy root"))


@pytest.fixture(scope="session")
def s3_endpoint_ready() -> str:
    """The test S3 server answers, or the S3 tests are skipped (failed under strict mode)."""
    from protea_adapters.artifacts.s3_client import build_client, split_endpoint
    from protea_adapters.artifacts.s3_errors import describe

    host, secure = split_endpoint(S3_ENDPOINT, False)
    client = build_client(
        host,
        secure=secure,
        access_key=S3_ACCESS_KEY,
        secret_key=S3_SECRET_KEY,
        region="us-east-1",
        connect_timeout=3,
        read_timeout=5,
        retries=0,
    )
    try:
        client.list_buckets()
    except Exception as exc:
        service_missing(f"S3 at {S3_ENDPOINT}: {describe(exc)}")
    return S3_ENDPOINT


def s3_config(tmp_path: Path, bucket: str, **overrides: object) -> ArtifactStoreConfig:
    fields: dict[str, object] = {
        "local_root": tmp_path / "unused-local",
        "s3_endpoint": S3_ENDPOINT,
        "s3_bucket": bucket,
        "s3_access_key": S3_ACCESS_KEY,
        "s3_secret_key": S3_SECRET_KEY,
        "s3_secure": False,
        "s3_part_size": S3_PART_SIZE,
    }
    fields.update(overrides)
    return ArtifactStoreConfig(**fields)  # type: ignore[arg-type]


def empty_and_remove_bucket(store: ArtifactStore, bucket: str) -> None:
    client = store._client  # type: ignore[attr-defined]
    for item in client.list_objects(bucket, recursive=True):
        client.remove_object(bucket, item.object_name)
    client.remove_bucket(bucket)


@pytest.mark.s3
class TestS3ArtifactStore(ArtifactStoreContract):
    uri_prefix = "s3://"

    @pytest.fixture
    def bucket(self) -> str:
        return f"protea-test-{uuid.uuid4().hex[:16]}"

    @pytest.fixture
    def store(
        self, s3_endpoint_ready: str, bucket: str, tmp_path: Path
    ) -> Generator[ArtifactStore, None, None]:
        store = build_artifact_store(s3_config(tmp_path, bucket))
        yield store
        empty_and_remove_bucket(store, bucket)

    def test_the_factory_created_the_bucket_and_uris_name_it(
        self, store: ArtifactStore, bucket: str, tmp_path: Path
    ) -> None:
        assert store.put_bytes("k", b"v") == f"s3://{bucket}/k"
        assert not (tmp_path / "unused-local").exists()

    def test_large_objects_are_uploaded_in_parts(
        self, store: ArtifactStore, bucket: str, large_size: int, tmp_path: Path
    ) -> None:
        parts = math.ceil(large_size / S3_PART_SIZE)
        assert parts >= 3
        source = tmp_path / "big.bin"
        source.write_bytes(os.urandom(large_size))
        store.put_file("multi/from-file", source)
        store.put_bytes("multi/from-bytes", source.read_bytes())
        store.put_bytes("single", b"small")
        client = store._client  # type: ignore[attr-defined]
        # A multipart upload's ETag is md5(part md5s) + "-<number of parts>".
        assert client.stat_object(bucket, "multi/from-file").etag.endswith(f"-{parts}")
        assert client.stat_object(bucket, "multi/from-bytes").etag.endswith(f"-{parts}")
        assert "-" not in client.stat_object(bucket, "single").etag
        assert client.stat_object(bucket, "multi/from-file").size == large_size

    def test_a_prefix_scopes_objects_and_uris(
        self, s3_endpoint_ready: str, store: ArtifactStore, bucket: str, tmp_path: Path
    ) -> None:
        scoped = build_artifact_store(s3_config(tmp_path, bucket, s3_prefix="tenant/one"))
        uri = scoped.put_bytes("a/b", b"scoped")
        assert uri == f"s3://{bucket}/tenant/one/a/b"
        assert scoped.key_for(uri) == "a/b"
        assert store.get_bytes("tenant/one/a/b") == b"scoped"
        with pytest.raises(Exception, match="not an artifact of the store"):
            scoped.key_for(store.uri("a/b"))

    def test_a_prefixed_store_lists_its_own_keys_only(
        self, s3_endpoint_ready: str, store: ArtifactStore, bucket: str, tmp_path: Path
    ) -> None:
        scoped = build_artifact_store(s3_config(tmp_path, bucket, s3_prefix="tenant/one"))
        for key in ("tenant/one/a/b", "tenant/one/c", "tenant/one-other/x", "tenant/onex"):
            store.put_bytes(key, b"x")
        assert scoped.list("") == ["a/b", "c"]
        assert scoped.list("a") == ["a/b"]
        assert store.list("tenant") == [
            "tenant/one-other/x",
            "tenant/one/a/b",
            "tenant/one/c",
            "tenant/onex",
        ]

    def test_listing_skips_names_that_are_not_keys(self, store: ArtifactStore, bucket: str) -> None:
        client = store._client  # type: ignore[attr-defined]
        store.put_bytes("m/ok", b"x")
        for name in ("m/folder-marker/", "m/with space", "m//double", "m/.hidden"):
            client.put_object(bucket, name, io.BytesIO(b""), 0)
        assert store.list("m") == ["m/ok"]

    @pytest.mark.slow
    def test_list_pages_past_the_1000_names_of_one_response(
        self, store: ArtifactStore, bucket: str
    ) -> None:
        from minio.deleteobjects import DeleteObject

        keys = [f"many/{n:04d}" for n in range(1003)] + ["many-not/x"]
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda key: store.put_bytes(key, b""), keys))
        assert store.list("many") == keys[:-1]
        assert len(store.list("")) == len(keys)
        client = store._client  # type: ignore[attr-defined]
        failed = list(client.remove_objects(bucket, [DeleteObject(key) for key in keys]))
        assert failed == []
        assert store.list("") == []

    def test_a_missing_bucket_is_a_storage_error_not_a_missing_object(
        self, store: ArtifactStore, bucket: str
    ) -> None:
        store.put_bytes("k", b"v")
        empty_and_remove_bucket(store, bucket)
        with pytest.raises(ArtifactStorageError, match="NoSuchBucket"):
            store.get_bytes("k")
        with pytest.raises(ArtifactStorageError, match="NoSuchBucket"):
            store.list("")
        store._client.make_bucket(bucket)  # type: ignore[attr-defined]

    def test_the_factory_refuses_a_missing_bucket_when_not_allowed_to_create_it(
        self, s3_endpoint_ready: str, tmp_path: Path
    ) -> None:
        absent = f"protea-absent-{uuid.uuid4().hex[:12]}"
        with pytest.raises(ArtifactStorageError, match=absent):
            build_artifact_store(s3_config(tmp_path, absent, s3_create_bucket=False))
