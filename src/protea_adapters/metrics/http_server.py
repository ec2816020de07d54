"""A tiny HTTP server exposing a process's metrics (workers have no web framework)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from protea_adapters.metrics.base import ProcessMetrics


def serve_metrics(metrics: ProcessMetrics, host: str, port: int) -> ThreadingHTTPServer:
    """Serve `GET /metrics` from a daemon thread; returns the server (call `shutdown()`)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.split("?")[0] != "/metrics":
                self.send_error(404)
                return
            body, content_type = metrics.render(self.headers.get("Accept"))
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer((host, port), Handler)
    threading.Thread(target=server.serve_forever, name="metrics-http", daemon=True).start()
    return server
