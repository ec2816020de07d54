"""Running a delivery handler the way every consumer adapter must."""

from __future__ import annotations

import logging

from protea_domain.messaging.message import Delivery, Disposition
from protea_domain.ports.message_broker import DeliveryHandler

logger = logging.getLogger(__name__)


def run_handler(handler: DeliveryHandler, delivery: Delivery) -> Disposition:
    """The handler's disposition; an exception, or a result that is not a `Disposition`, is
    logged and counts as REQUEUE."""
    message_id = delivery.message.message_id
    try:
        disposition = handler(delivery)
    except Exception:
        logger.exception("handler failed on message %s; requeueing", message_id)
        return Disposition.REQUEUE
    if not isinstance(disposition, Disposition):
        logger.error("handler returned %r for message %s; requeueing", disposition, message_id)
        return Disposition.REQUEUE
    return disposition
