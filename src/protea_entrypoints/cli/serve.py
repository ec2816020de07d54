"""`protea serve`: the HTTP API under uvicorn (with embedded workers on the default settings)."""

from __future__ import annotations

import argparse
from typing import Any

from protea_adapters.containers import ApiContainer, CoreContainer
from protea_entrypoints.cli.exit_codes import OK

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "serve", help="run the HTTP API (embedded workers unless a broker is configured)"
    )
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.set_defaults(handler=_serve, container=ApiContainer)


def _serve(args: argparse.Namespace, container: CoreContainer) -> int:
    import uvicorn

    from protea_entrypoints.api.app import create_app

    app = create_app(container)
    # No access log: it would write client addresses, which PROTEA never keeps.
    uvicorn.run(
        app, host=args.host, port=args.port, log_config=None, access_log=False, proxy_headers=False
    )
    return OK
