"""HTTP API load: requests/s and p99 latency of `GET /v1/jobs/{id}` and `POST /v1/jobs` on
PostgreSQL, beside a bare Starlette endpoint returning a constant (the ceiling), in one run.

Each server is a separate uvicorn process on loopback; this process generates the load with
a fixed number of concurrent keep-alive connections, bounded by a request count and a time
limit per scenario.

    python benchmarks/api_load.py [--requests 3000] [--concurrency 16] [--seconds 30]

Needs PostgreSQL (PROTEA_API_BENCH_PG_URL, default .../protea_api_bench; its schema is reset).
PROTEA_API_BENCH_ANALYTICS=0 turns visitor counting off (one INSERT per GET) for comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import text

from protea_adapters.clock import SystemClock
from protea_adapters.sqlalchemy import migrate
from protea_adapters.sqlalchemy.api_unit_of_work import SqlApiUnitOfWork
from protea_adapters.sqlalchemy.engine import build_engine, build_session_factory
from protea_domain.api_access.use_cases.api_keys import create_api_key

PG_URL = os.environ.get(
    "PROTEA_API_BENCH_PG_URL", "postgresql+psycopg2://protea@127.0.0.1:5432/protea_api_bench"
)
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def bare_app() -> Any:
    """The ceiling: Starlette routing one GET to a constant JSON body, nothing else."""
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def constant(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    return Starlette(routes=[Route("/constant", constant)])


def protea_app() -> Any:
    """The real API on PostgreSQL: keys required, analytics on, no embedded workers (the
    jobs stay queued: this measures the HTTP path, not job execution)."""
    from protea_adapters.containers import ApiContainer
    from protea_adapters.settings import Settings
    from protea_entrypoints.api.app import create_app
    from protea_entrypoints.api.settings import ApiSettings

    settings = Settings.model_validate(
        {"database": {"url": PG_URL, "pool_size": 20}, "logging": {"level": "WARNING"}}
    )
    analytics = os.environ.get("PROTEA_API_BENCH_ANALYTICS", "1") == "1"
    api = ApiSettings(embedded_workers=0, analytics=analytics)
    return create_app(ApiContainer(settings=settings), api)


def serve(kind: str, port: int) -> None:
    import uvicorn

    app = bare_app() if kind == "bare" else protea_app()
    uvicorn.run(app, host=HOST, port=port, log_level="warning", access_log=False)


@contextmanager
def server(kind: str) -> Iterator[int]:
    port = free_port()
    process = subprocess.Popen([sys.executable, __file__, "--serve", kind, "--port", str(port)])
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{kind} server did not start") from None
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(10)


@dataclass(frozen=True)
class Request:
    """One pre-encoded HTTP/1.1 request (keep-alive)."""

    method: str
    path: str
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()

    def encode(self, host: str) -> bytes:
        lines = [f"{self.method} {self.path} HTTP/1.1", f"Host: {host}"]
        lines += [f"{name}: {value}" for name, value in self.headers]
        if self.body or self.method in {"POST", "PATCH", "PUT"}:
            lines += ["Content-Type: application/json", f"Content-Length: {len(self.body)}"]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + self.body


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes) -> int:
    """Send one request, read its whole response (Content-Length framed); the status."""
    writer.write(raw)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    await reader.readexactly(length)
    return status


@dataclass
class Result:
    name: str
    count: int
    errors: int
    seconds: float
    latencies: list[float]

    def line(self) -> str:
        ordered = sorted(self.latencies)
        p50 = statistics.median(ordered) * 1000
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
        return (
            f"{self.name:30} {self.count:6d} req {self.errors:3d} err {self.seconds:6.2f} s "
            f"{self.count / self.seconds:8.1f} req/s  p50 {p50:6.2f} ms  p99 {p99:7.2f} ms"
        )


async def load(
    name: str, port: int, request: Request, expected: int, total: int, users: int, seconds: float
) -> Result:
    """`users` keep-alive connections send `request` back to back until `total` requests
    were sent or `seconds` have passed."""
    raw = request.encode(f"{HOST}:{port}")
    latencies: list[float] = []
    errors = 0
    issued = 0
    started = time.perf_counter()
    deadline = started + seconds

    async def user() -> None:
        nonlocal issued, errors
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            while issued < total and time.perf_counter() < deadline:
                issued += 1
                sent = time.perf_counter()
                status = await _exchange(reader, writer, raw)
                latencies.append(time.perf_counter() - sent)
                errors += status != expected
        finally:
            writer.close()

    await asyncio.gather(*(user() for _ in range(users)))
    return Result(name, len(latencies), errors, time.perf_counter() - started, latencies)


def prepare_database() -> str:
    """A fresh schema and an API key; returns the raw key."""
    engine = build_engine(PG_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    migrate.upgrade(PG_URL)
    factory = build_session_factory(engine)
    raw = create_api_key(SqlApiUnitOfWork(factory), SystemClock(), "bench").raw
    engine.dispose()
    return raw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="per scenario")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30.0, help="time limit per scenario")
    parser.add_argument("--serve", choices=["bare", "protea"], help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port)
        return
    raw_key = prepare_database()
    auth = (("Authorization", f"Bearer {raw_key}"),)
    bounds = (args.requests, args.concurrency, args.seconds)
    print(f"{args.requests} requests max, {args.concurrency} connections, {args.seconds} s max")
    constant = Request("GET", "/constant")
    body = json.dumps({"operation": "ping", "tags": ["bench"]}).encode()
    post_job = Request("POST", "/v1/jobs", body, auth)
    with server("bare") as port:
        asyncio.run(load("warm-up", port, constant, 200, 200, 4, 10))
        print(
            asyncio.run(load("ceiling GET /constant (bare)", port, constant, 200, *bounds)).line()
        )
    with server("protea") as port:
        first = httpx.post(f"http://{HOST}:{port}/v1/jobs", content=body, headers=dict(auth))
        get_job = Request("GET", f"/v1/jobs/{first.json()['id']}")
        asyncio.run(load("warm-up", port, get_job, 200, 200, 4, 10))
        print(asyncio.run(load("GET /v1/jobs/{id}", port, get_job, 200, *bounds)).line())
        print(asyncio.run(load("POST /v1/jobs", port, post_job, 201, *bounds)).line())


if __name__ == "__main__":
    main()
