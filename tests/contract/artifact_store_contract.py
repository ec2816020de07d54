"""The artifact store contract, subclassed once per adapter in test_artifact_store.py."""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protea_domain.artifacts.errors import (
    ArtifactNotFoundError,
    InvalidArtifactKeyError,
    InvalidArtifactUriError,
)
from protea_domain.errors import InvalidInputError
from protea_domain.ports.artifact_store import ArtifactStore

MIB = 1024 * 1024
EVERY_BYTE = bytes(range(256)) * 3 + b"\x00\r\n\x1a"

# The key rules restated independently of protea_domain.artifacts.keys, as an oracle.
_SEGMENT = r"[A-Za-z0-9_\-=+@,~][A-Za-z0-9._\-=+@,~]{0,254}"
KEY_ORACLE = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*")
MAX_KEY_LENGTH = 1024

SEGMENT_CHARS = "abcXYZ019._-=+@,~"
segments = st.text(alphabet=SEGMENT_CHARS, min_size=1, max_size=12).filter(
    lambda s: not s.startswith(".")
)
valid_keys = st.lists(segments, min_size=1, max_size=5).map("/".join)
near_miss_keys = st.one_of(
    valid_keys.map(lambda k: "/" + k),
    valid_keys.map(lambda k: k + "/"),
    valid_keys.map(lambda k: k + "/../" + k),
    valid_keys.map(lambda k: k + "//" + k),
    valid_keys.map(lambda k: "./" + k),
    st.tuples(valid_keys, st.sampled_from(' \\:*?"<>|%#\x00\n\té')).map(lambda t: t[0] + t[1]),
)
any_keys = st.one_of(st.text(max_size=40), valid_keys, near_miss_keys)

INVALID_KEYS = [
    "",
    "/etc/passwd",
    "..",
    "a/../b",
    "../outside",
    "a//b",
    "a/",
    ".hidden",
    "a/./b",
    "a\\b",
    "with space",
    "caf\u00e9",
    "nul\x00byte",
    "x" * 256,
    "/".join(["abcd"] * 300),
]

# Prefixes `list` must refuse; "" (the whole store) and "a/" (the folder a) are valid there.
INVALID_PREFIXES = [
    "/",
    "//",
    "/etc",
    "/etc/",
    "..",
    "../outside",
    "a/../b",
    "a//",
    "a//b",
    "./a",
    ".hidden/",
    "with space/",
    "caf\u00e9",
    "x" * 256,
]

# Nested keys whose code-point order differs from a naive per-segment or case-folded order
# ('-' < '/' < '0' < 'B' < '_' < 'a' < '~'), plus a sibling folder sharing characters.
LISTING = [
    "runs/r1/NK/evaluation_all.tsv",
    "runs/r1/NK/evaluation_best_f.tsv",
    "runs/r1/PK/evaluation_all.tsv",
    "runs/r1/summary.json",
    "runs/r1-b/x",
    "runs/r1.bak",
    "runs/r10/x",
    "runs/r1_/x",
    "runs/rB/x",
    "runs/r~",
    "runsx/y",
    "top",
]

# Directory names never end in ".f" and file names always do, so no key is a prefix folder of
# another (a filesystem store could not hold both).
FOLDER_SEGMENTS = ["a", "b", "ab", "a-b", "a0"]
listing_keys = st.lists(
    st.tuples(
        st.lists(st.sampled_from(FOLDER_SEGMENTS), max_size=3),
        st.sampled_from(["x.f", "y.f", "a.f"]),
    ).map(lambda t: "/".join([*t[0], t[1]])),
    min_size=0,
    max_size=8,
    unique=True,
)
listing_prefixes = st.lists(st.sampled_from(FOLDER_SEGMENTS), max_size=3).flatmap(
    lambda parts: st.sampled_from(["/".join(parts), "/".join(parts) + "/"] if parts else [""])
)

FOREIGN_URIS = [
    "http://example.org/a",
    "s3://some-other-bucket/a",
    "file:///somewhere/else/a",
    "not a uri",
]


# One store per test, and one subclass per adapter running the same @given method: both fine here.
CONTRACT_HEALTH_CHECKS = [HealthCheck.function_scoped_fixture, HealthCheck.differing_executors]


def oracle_valid(key: str) -> bool:
    return len(key) <= MAX_KEY_LENGTH and KEY_ORACLE.fullmatch(key) is not None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ArtifactStoreContract:
    """Every ArtifactStore adapter must pass these."""

    uri_prefix: str = ""
    """What every URI of the store under test starts with (set by the subclass fixture)."""

    @pytest.fixture
    def store(self) -> ArtifactStore:
        raise NotImplementedError

    @pytest.fixture
    def scratch(self, tmp_path: Path) -> Path:
        """A local directory of the test's own, apart from anything the store keeps."""
        path = tmp_path / "scratch"
        path.mkdir()
        return path

    @pytest.fixture
    def large_size(self) -> int:
        """Bytes in the 'large' object: bigger than one multipart part of the S3 store."""
        return 11 * MIB + 12345

    # ---------------------------------------------------------------- round trips
    def test_binary_round_trip(self, store: ArtifactStore) -> None:
        uri = store.put_bytes("bin/every-byte.dat", EVERY_BYTE)
        assert store.get_bytes("bin/every-byte.dat") == EVERY_BYTE
        assert store.exists("bin/every-byte.dat")
        assert uri == store.uri("bin/every-byte.dat")

    def test_empty_object_round_trip(self, store: ArtifactStore) -> None:
        store.put_bytes("empty", b"")
        assert store.exists("empty")
        assert store.get_bytes("empty") == b""

    def test_large_object_from_file_round_trips_by_stream_and_download(
        self, store: ArtifactStore, large_size: int, scratch: Path
    ) -> None:
        data = os.urandom(large_size)
        source = scratch / "source.bin"
        source.write_bytes(data)
        store.put_file("large/from-file.bin", source)

        target = store.download("large/from-file.bin", scratch / "deep" / "dir" / "copy.bin")
        assert target == scratch / "deep" / "dir" / "copy.bin"
        assert sha256(target.read_bytes()) == sha256(data)

        digest = hashlib.sha256()
        with store.open("large/from-file.bin") as stream:
            while chunk := stream.read(MIB // 3):
                digest.update(chunk)
        assert digest.hexdigest() == sha256(data)

    def test_large_object_from_bytes_round_trips(
        self, store: ArtifactStore, large_size: int
    ) -> None:
        data = os.urandom(large_size)
        store.put_bytes("large/from-bytes.bin", data)
        assert sha256(store.get_bytes("large/from-bytes.bin")) == sha256(data)

    # ---------------------------------------------------------------- overwrite
    def test_overwrite_replaces_the_whole_object(self, store: ArtifactStore) -> None:
        store.put_bytes("over/write", b"a much longer first version")
        uri = store.put_bytes("over/write", b"short")
        assert store.get_bytes("over/write") == b"short"
        assert store.key_for(uri) == "over/write"

    def test_put_is_idempotent(self, store: ArtifactStore) -> None:
        first = store.put_bytes("same", b"payload")
        second = store.put_bytes("same", b"payload")
        assert first == second
        assert store.get_bytes("same") == b"payload"

    def test_download_replaces_an_existing_destination(
        self, store: ArtifactStore, scratch: Path
    ) -> None:
        store.put_bytes("dl", b"new")
        destination = scratch / "out.bin"
        destination.write_bytes(b"old content that is longer")
        store.download("dl", destination)
        assert destination.read_bytes() == b"new"
        assert sorted(p.name for p in scratch.iterdir()) == ["out.bin"]

    def test_concurrent_overwrites_never_expose_a_partial_object(
        self, store: ArtifactStore
    ) -> None:
        size = 64 * 1024
        payloads = [bytes([n]) * size for n in range(1, 7)]
        store.put_bytes("race", payloads[0])
        seen: list[bytes] = []
        errors: list[BaseException] = []

        def write(payload: bytes) -> None:
            try:
                for _ in range(4):
                    store.put_bytes("race", payload)
            except BaseException as exc:
                errors.append(exc)

        def read() -> None:
            try:
                for _ in range(12):
                    seen.append(store.get_bytes("race"))
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(p,)) for p in payloads]
        threads += [threading.Thread(target=read) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert len(seen) == 36
        assert all(data in payloads for data in seen)
        assert store.get_bytes("race") in payloads

    # ---------------------------------------------------------------- missing
    def test_missing_key_raises_not_found(self, store: ArtifactStore, scratch: Path) -> None:
        destination = scratch / "never.bin"
        with pytest.raises(ArtifactNotFoundError) as caught:
            store.get_bytes("no/such/key")
        assert caught.value.key == "no/such/key"
        with pytest.raises(ArtifactNotFoundError):
            store.open("no/such/key").__enter__()
        with pytest.raises(ArtifactNotFoundError):
            store.download("no/such/key", destination)
        assert not destination.exists()
        assert list(scratch.iterdir()) == []
        assert not store.exists("no/such/key")

    def test_a_prefix_of_keys_is_not_an_object(self, store: ArtifactStore) -> None:
        store.put_bytes("dir/file", b"x")
        assert not store.exists("dir")
        with pytest.raises(ArtifactNotFoundError):
            store.get_bytes("dir")
        store.delete("dir")
        assert store.get_bytes("dir/file") == b"x"

    def test_put_file_from_a_missing_or_non_regular_source_is_invalid_input(
        self, store: ArtifactStore, scratch: Path
    ) -> None:
        for source in (scratch / "missing.bin", scratch):
            with pytest.raises(InvalidInputError) as caught:
                store.put_file("from/nowhere", source)
            assert str(source) in str(caught.value)
        assert not store.exists("from/nowhere")

    # ---------------------------------------------------------------- delete
    def test_delete_is_idempotent(self, store: ArtifactStore) -> None:
        store.put_bytes("del/me", b"x")
        store.delete("del/me")
        assert not store.exists("del/me")
        with pytest.raises(ArtifactNotFoundError):
            store.get_bytes("del/me")
        store.delete("del/me")
        store.delete("never/existed")

    def test_delete_leaves_siblings(self, store: ArtifactStore) -> None:
        store.put_bytes("sib/a", b"a")
        store.put_bytes("sib/b", b"b")
        store.delete("sib/a")
        assert store.get_bytes("sib/b") == b"b"
        assert not store.exists("sib/a")

    # ---------------------------------------------------------------- listing
    def test_list_gives_the_nested_keys_under_a_folder_sorted(self, store: ArtifactStore) -> None:
        for key in reversed(LISTING):
            store.put_bytes(key, key.encode())
        expected_r1 = [
            "runs/r1/NK/evaluation_all.tsv",
            "runs/r1/NK/evaluation_best_f.tsv",
            "runs/r1/PK/evaluation_all.tsv",
            "runs/r1/summary.json",
        ]
        assert store.list("runs/r1") == expected_r1
        assert store.list("runs/r1/") == expected_r1
        assert store.list("runs/r1/NK") == expected_r1[:2]
        assert store.list("runs") == [
            "runs/r1-b/x",
            "runs/r1.bak",
            "runs/r1/NK/evaluation_all.tsv",
            "runs/r1/NK/evaluation_best_f.tsv",
            "runs/r1/PK/evaluation_all.tsv",
            "runs/r1/summary.json",
            "runs/r10/x",
            "runs/r1_/x",
            "runs/rB/x",
            "runs/r~",
        ]
        everything = store.list("")
        assert everything == [*store.list("runs"), "runsx/y", "top"]
        assert all(store.get_bytes(key) == key.encode() for key in everything)

    def test_list_of_a_missing_folder_or_an_object_is_empty(self, store: ArtifactStore) -> None:
        assert store.list("") == []
        assert store.list("nothing/here") == []
        store.put_bytes("dir/file", b"x")
        assert store.list("dir/file") == []
        assert store.list("dir/file/deeper") == []
        assert store.list("di") == []
        assert store.list("dir") == ["dir/file"]

    def test_list_follows_writes_and_deletes(self, store: ArtifactStore) -> None:
        store.put_bytes("live/a", b"1")
        store.put_bytes("live/deep/b", b"2")
        assert store.list("live") == ["live/a", "live/deep/b"]
        store.put_bytes("live/a", b"overwritten")
        assert store.list("live") == ["live/a", "live/deep/b"]
        store.delete("live/deep/b")
        assert store.list("live") == ["live/a"]
        assert store.list("live/deep") == []
        store.delete("live/a")
        assert store.list("live") == []
        assert store.list("") == []

    @pytest.mark.parametrize("prefix", INVALID_PREFIXES)
    def test_list_refuses_an_invalid_prefix(self, store: ArtifactStore, prefix: str) -> None:
        store.put_bytes("etc/passwd", b"x")
        with pytest.raises(InvalidArtifactKeyError) as caught:
            store.list(prefix)
        assert caught.value.key == prefix

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=CONTRACT_HEALTH_CHECKS,
    )
    @given(keys=listing_keys, prefix=listing_prefixes)
    def test_list_matches_a_startswith_oracle(
        self, store: ArtifactStore, keys: list[str], prefix: str
    ) -> None:
        folder = prefix.rstrip("/") + "/" if prefix else ""
        for key in keys:
            store.put_bytes(key, b"")
        try:
            assert store.list(prefix) == sorted(k for k in keys if k.startswith(folder))
        finally:
            for key in keys:
                store.delete(key)

    # ---------------------------------------------------------------- keys
    @pytest.mark.parametrize("key", INVALID_KEYS)
    def test_invalid_keys_are_refused_by_every_method(
        self, store: ArtifactStore, key: str, scratch: Path
    ) -> None:
        calls: list[Callable[[], object]] = [
            lambda: store.put_bytes(key, b"x"),
            lambda: store.put_file(key, scratch / "irrelevant"),
            lambda: store.get_bytes(key),
            lambda: store.open(key).__enter__(),
            lambda: store.download(key, scratch / "out"),
            lambda: store.exists(key),
            lambda: store.delete(key),
            lambda: store.uri(key),
        ]
        for call in calls:
            with pytest.raises(InvalidArtifactKeyError):
                call()
        assert list(scratch.iterdir()) == []

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=CONTRACT_HEALTH_CHECKS,
    )
    @given(key=any_keys)
    def test_keys_are_accepted_exactly_when_the_rules_allow(
        self, store: ArtifactStore, key: str
    ) -> None:
        if oracle_valid(key):
            uri = store.put_bytes(key, key.encode())
            assert store.get_bytes(store.key_for(uri)) == key.encode()
            store.delete(key)
        else:
            with pytest.raises(InvalidArtifactKeyError):
                store.put_bytes(key, b"x")
            with pytest.raises(InvalidArtifactKeyError):
                store.exists(key)

    # ---------------------------------------------------------------- URIs
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=CONTRACT_HEALTH_CHECKS,
    )
    @given(key=valid_keys, data=st.binary(max_size=512))
    def test_a_uri_from_put_resolves_to_the_same_object(
        self, store: ArtifactStore, key: str, data: bytes
    ) -> None:
        uri = store.put_bytes(key, data)
        assert uri.startswith(self.uri_prefix)
        assert uri.endswith("/" + key)
        assert uri == store.uri(key)
        resolved = store.key_for(uri)
        assert resolved == key
        assert store.get_bytes(resolved) == data
        store.delete(key)

    @pytest.mark.parametrize("uri", FOREIGN_URIS)
    def test_foreign_uris_are_refused(self, store: ArtifactStore, uri: str) -> None:
        with pytest.raises(InvalidArtifactUriError):
            store.key_for(uri)

    def test_uri_of_the_store_root_or_a_bad_key_is_refused(self, store: ArtifactStore) -> None:
        base = store.uri("x")[: -len("x")]
        with pytest.raises(InvalidArtifactUriError):
            store.key_for(base)
        with pytest.raises(InvalidArtifactKeyError):
            store.key_for(base + "a/../b")
