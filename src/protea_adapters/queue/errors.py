"""Errors the broker adapters raise beyond the port's `PublishError`."""

from __future__ import annotations

from protea_domain.errors import DomainError


class BrokerUnavailableError(DomainError):
    """The broker stayed unreachable through every reconnect attempt; the consumer gives up so
    that its supervisor can restart the process. Retryable."""

    code = "broker_unavailable"


class TopologyError(DomainError):
    """The broker refused the topology: a queue exists with other arguments, or access was
    denied. Permanent until an operator intervenes."""

    code = "broker_topology"
