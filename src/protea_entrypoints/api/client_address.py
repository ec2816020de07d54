"""The client's address: the TCP peer, or behind trusted reverse proxies the right-most address
of `X-Forwarded-For` that is not one of them."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports this module without the api extra installed
    from starlette.types import Scope

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
UNKNOWN = "unknown"
FORWARDED_FOR = b"x-forwarded-for"


def _address(text: str) -> IpAddress | None:
    """The address `text` names (an IPv4-mapped IPv6 address as its IPv4), or None."""
    try:
        parsed = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
        return parsed.ipv4_mapped
    return parsed


@dataclass(frozen=True)
class TrustedProxies:
    networks: tuple[IpNetwork, ...] = ()

    @classmethod
    def of(cls, entries: Iterable[str]) -> TrustedProxies:
        """From IP addresses and CIDR networks (host bits allowed). Raises `ValueError` for an
        entry that is neither."""
        return cls(tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries))

    def trusts(self, address: IpAddress) -> bool:
        return any(address in network for network in self.networks)

    def client(self, peer: str | None, forwarded_for: list[str]) -> str:
        """The client address of a request from `peer` carrying the `X-Forwarded-For` header
        values `forwarded_for` (each a comma-separated list, in the order received).

        The peer itself unless it is trusted; then, reading the header from the right (each
        proxy appends the address it got the request from), the first address that is not
        trusted, or the left-most one when all are. The peer again when the header is absent
        or malformed (an entry that is not a bare IP address)."""
        if peer is None:
            return UNKNOWN
        peer_address = _address(peer)
        if peer_address is None or not self.trusts(peer_address):
            return peer
        entries = [entry for value in forwarded_for for entry in value.split(",")]
        chain = [_address(entry) for entry in entries]
        if not chain or any(address is None for address in chain):
            return peer
        hops = [address for address in chain if address is not None]
        for address in reversed(hops):
            if not self.trusts(address):
                return str(address)
        return str(hops[0])

    def of_scope(self, scope: Scope) -> str:
        """The client address of an ASGI HTTP request."""
        client = scope.get("client")
        peer = str(client[0]) if client else None
        values = [
            value.decode("latin-1")
            for name, value in scope.get("headers", ())
            if name == FORWARDED_FOR
        ]
        return self.client(peer, values)
