"""The broker of a process: RabbitMQ when an AMQP URL is set, else the in-process broker."""

from __future__ import annotations

from typing import Protocol

from protea_adapters.queue.inprocess import InProcessBroker
from protea_adapters.settings import Settings
from protea_domain.ports.message_broker import (
    BrokerTopology,
    DeadLetterQueue,
    MessageConsumer,
    MessagePublisher,
)


class Broker(MessagePublisher, MessageConsumer, DeadLetterQueue, BrokerTopology, Protocol):
    """Every broker port in one object."""


def build_broker(settings: Settings, name: str = "protea") -> Broker:
    if settings.queue.amqp_url is None:
        return InProcessBroker()
    from protea_adapters.queue.rabbitmq.broker import RabbitMqBroker

    return RabbitMqBroker(settings.queue.amqp_url, name=name)
