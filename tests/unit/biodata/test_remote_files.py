"""Loading from a URL: the download adapter against a local server (one 503 first), the
operation deleting its temporary file afterwards, and a 404."""

from __future__ import annotations

import threading
from collections.abc import Generator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from protea_adapters.clock import ManualClock
from protea_adapters.http.remote_files import UrllibRemoteFiles
from protea_adapters.http.retry import HttpRetryPolicy
from protea_domain.errors import NotFoundError
from protea_domain.use_cases.biodata.inputs import local_file
from protea_domain.use_cases.biodata.load_ontology import load_ontology_snapshot
from tests.contract.biodata.records import T0
from tests.support.biodata import BioUowFactory


@pytest.fixture
def server(shared_data: Path) -> Generator[tuple[str, list[str]]]:
    body = (shared_data / "go" / "go-2014-01.obo.gz").read_bytes()
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_: object) -> None:
            pass

        def do_GET(self) -> None:
            requests.append(self.path)
            status = 503 if len(requests) == 1 else 200
            if not self.path.endswith("go-2014-01.obo.gz"):
                status = 404
            self.send_response(status)
            self.send_header("Content-Length", str(len(body) if status == 200 else 0))
            self.end_headers()
            if status == 200:
                self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    httpd.shutdown()
    httpd.server_close()


def test_a_url_is_downloaded_loaded_and_deleted(
    server: tuple[str, list[str]], biodata_memory_factory: BioUowFactory, tmp_path: Path
) -> None:
    base, requests = server
    sleeps: list[float] = []
    remote = UrllibRemoteFiles(tmp_path, policy=HttpRetryPolicy(base=0.01, sleep=sleeps.append))
    with local_file(f"{base}/go/go-2014-01.obo.gz", remote, "payload.source") as path:
        load = load_ontology_snapshot(biodata_memory_factory, ManualClock(T0), path)
        assert path.parent == tmp_path
    assert (load.snapshot.data_version, load.snapshot.term_count) == ("releases/2014-01", 40_413)
    assert len(requests) == 2
    assert len(sleeps) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_missing_url_is_not_found(server: tuple[str, list[str]], tmp_path: Path) -> None:
    base, _ = server
    directory = tmp_path
    remote = UrllibRemoteFiles(directory, policy=HttpRetryPolicy(sleep=lambda _: None))
    with pytest.raises(NotFoundError, match="HTTP 404"):
        remote.fetch(f"{base}/nothing.obo")
    assert list(directory.iterdir()) == []
