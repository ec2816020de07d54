"""Opening and closing blocking connections."""

from __future__ import annotations

import logging

import pika
from pika.exceptions import AMQPError

logger = logging.getLogger(__name__)


def close_quietly(connection: pika.BlockingConnection | None) -> None:
    """Close `connection` if it is open, ignoring a connection that is already broken; the
    broker requeues whatever the connection left unsettled."""
    if connection is None or not connection.is_open:
        return
    try:
        connection.close()
    except (AMQPError, OSError):
        logger.debug("closing a broken connection", exc_info=True)
