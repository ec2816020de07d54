"""pika connection parameters from an AMQP URL, with defaults fit for long-running workers."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pika


@dataclass(frozen=True, slots=True)
class ConnectionSettings:
    """Defaults applied where the URL's query string does not set the same key.

    `heartbeat` (seconds) is what the client asks for; pika takes the client's value. Consumers
    keep heartbeats flowing while handlers run; publishers reconnect when the server has closed
    an idle connection."""

    heartbeat: int = 30
    blocked_connection_timeout: float = 60.0
    connection_attempts: int = 2
    retry_delay: float = 1.0
    socket_timeout: float = 10.0


def connection_parameters(
    url: str, settings: ConnectionSettings | None = None, name: str | None = None
) -> pika.URLParameters:
    """Parameters for `url`; `name` is shown by the broker as the connection's name."""
    settings = settings or ConnectionSettings()
    parameters = pika.URLParameters(url)
    in_url = parse_qs(urlsplit(url).query)
    for key in (
        "heartbeat",
        "blocked_connection_timeout",
        "connection_attempts",
        "retry_delay",
        "socket_timeout",
    ):
        if key not in in_url:
            setattr(parameters, key, getattr(settings, key))
    if name:
        parameters.client_properties = {"connection_name": name}
    return parameters
