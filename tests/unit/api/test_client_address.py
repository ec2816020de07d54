"""The client address behind trusted proxies: the TCP peer unless it is trusted, then the
right-most untrusted `X-Forwarded-For` address; malformed headers fall back to the peer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError
from sqlalchemy import text
from starlette.testclient import TestClient

from protea_adapters.containers import CoreContainer
from protea_adapters.settings import Settings, SettingsError, load_settings
from protea_domain.api_access.visitors import visitor_hash
from protea_entrypoints.api.app import create_app
from protea_entrypoints.api.client_address import TrustedProxies
from protea_entrypoints.api.settings import ApiSettings

PROXIES = TrustedProxies.of(["10.0.0.0/8", "192.0.2.7", "2001:db8::/32"])


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        # an untrusted peer: the header is ignored, whatever it says
        ("203.0.113.5", ["198.51.100.1"], "203.0.113.5"),
        # a trusted peer: the right-most address that is not a trusted proxy
        ("10.1.2.3", ["198.51.100.1"], "198.51.100.1"),
        ("10.1.2.3", ["6.6.6.6, 198.51.100.1, 10.9.9.9"], "198.51.100.1"),
        ("192.0.2.7", ["6.6.6.6", "198.51.100.1 , 192.0.2.7"], "198.51.100.1"),
        ("2001:db8::1", ["2001:db8::2, 2001:db9::5"], "2001:db9::5"),
        ("::ffff:10.0.0.1", ["198.51.100.1"], "198.51.100.1"),
        # every hop trusted: the left-most one
        ("10.1.2.3", ["10.0.0.9, 192.0.2.7"], "10.0.0.9"),
        # absent or malformed headers: the peer
        ("10.1.2.3", [], "10.1.2.3"),
        ("10.1.2.3", [""], "10.1.2.3"),
        ("10.1.2.3", ["198.51.100.1,"], "10.1.2.3"),
        ("10.1.2.3", ["unknown, 198.51.100.1"], "10.1.2.3"),
        ("10.1.2.3", ["198.51.100.1:4711"], "10.1.2.3"),
        ("10.1.2.3", ["999.1.1.1"], "10.1.2.3"),
        # a peer that is no IP address is never trusted
        ("testclient", ["198.51.100.1"], "testclient"),
        (None, ["198.51.100.1"], "unknown"),
    ],
)
def test_the_client_address(peer: str | None, forwarded: list[str], expected: str) -> None:
    assert PROXIES.client(peer, forwarded) == expected


def test_without_trusted_proxies_the_peer_is_the_client() -> None:
    assert TrustedProxies().client("10.1.2.3", ["198.51.100.1"]) == "10.1.2.3"


def test_the_setting_takes_a_list_or_a_comma_separated_variable() -> None:
    listed = ApiSettings(trusted_proxies=("10.0.0.0/8", "192.0.2.7"))
    assert listed.trusted_proxies == ("10.0.0.0/8", "192.0.2.7")
    env = {"PROTEA_API_TRUSTED_PROXIES": " 10.0.0.0/8, ::1 ,", "PROTEA_API_IDEMPOTENCY_TTL": "60"}
    loaded = load_settings(environ=env)
    assert loaded.api.trusted_proxies == ("10.0.0.0/8", "::1")
    assert loaded.api.idempotency_ttl_seconds == 60
    assert Settings().api.idempotency_ttl_seconds == 86400
    assert Settings().api.trusted_proxies == ()


@pytest.mark.parametrize("entry", ["10.0.0.0/33", "proxy.example.org", "10.0.0.1-10.0.0.9"])
def test_bad_entries_are_refused_naming_them(entry: str) -> None:
    with pytest.raises(ValidationError, match="not an IP address or CIDR network"):
        ApiSettings(trusted_proxies=(entry,))
    with pytest.raises(SettingsError, match=f"PROTEA_API_TRUSTED_PROXIES: .*{entry}"):
        load_settings(environ={"PROTEA_API_TRUSTED_PROXIES": f"10.0.0.1,{entry}"})


def _visitors(container: CoreContainer) -> set[str]:
    with container.engine().connect() as connection:
        return set(connection.execute(text("SELECT visitor FROM visitor_hits")).scalars())


@pytest.mark.parametrize(
    ("trusted", "expected"), [((), "10.1.2.3"), (("10.0.0.0/8",), "198.51.100.1")]
)
def test_visitors_are_counted_by_the_address_the_proxies_allow(
    container: CoreContainer, trusted: tuple[str, ...], expected: str
) -> None:
    api = ApiSettings(embedded_workers=0, trusted_proxies=trusted)
    app = create_app(container, api)
    with TestClient(app, client=("10.1.2.3", 4711)) as client:
        client.get("/v1/jobs", headers={"X-Forwarded-For": "6.6.6.6, 198.51.100.1"})
        salts = client.app.state.deps.salts  # type: ignore[attr-defined]
    day = datetime.now(UTC).date()
    assert _visitors(container) == {visitor_hash(salts.salt_for(day), expected)}
