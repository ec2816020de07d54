"""`protea apikeys create|list|revoke` and `protea serve`'s arguments."""

from __future__ import annotations

import argparse
import json

import pytest
from starlette.testclient import TestClient

from protea_adapters.containers import CoreContainer
from protea_entrypoints.api.app import create_app
from protea_entrypoints.api.settings import ApiSettings
from protea_entrypoints.cli import apikeys, serve


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="protea")
    commands = parser.add_subparsers(dest="command", required=True)
    apikeys.add_parser(commands)
    serve.add_parser(commands)
    return parser


def _run(container: CoreContainer, *argv: str) -> int:
    args = _parser().parse_args(argv)
    code: int = args.handler(args, container)
    return code


def test_create_prints_a_working_key_once_then_revoke_stops_it(
    container: CoreContainer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(container, "apikeys", "create", "laptop") == 0
    raw = capsys.readouterr().out.strip()
    app = create_app(container, ApiSettings(embedded_workers=0))
    with TestClient(app) as client:
        ok = client.post("/v1/support", json={}, headers={"X-API-Key": raw})
        assert ok.status_code == 201
        assert _run(container, "apikeys", "list", "--json") == 0
        (listed,) = json.loads(capsys.readouterr().out)
        assert listed["name"] == "laptop"
        assert listed["last_used_at"] is not None
        assert listed["revoked_at"] is None
        assert raw not in json.dumps(listed)
        assert _run(container, "apikeys", "revoke", listed["prefix"]) == 0
        capsys.readouterr()
        assert client.post("/v1/support", json={}, headers={"X-API-Key": raw}).status_code == 401
    assert _run(container, "apikeys", "list") == 0
    table = capsys.readouterr().out
    assert "laptop" in table
    assert raw not in table


def test_serve_arguments() -> None:
    args = _parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9001"])
    assert (args.host, args.port) == ("0.0.0.0", 9001)
    defaults = _parser().parse_args(["serve"])
    assert (defaults.host, defaults.port) == (serve.DEFAULT_HOST, serve.DEFAULT_PORT)
