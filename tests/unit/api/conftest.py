"""API tests run on the embedded adapters (SQLite, in-process broker)."""

from tests.unit.api.fixtures import (  # noqa: F401
    api_settings,
    app,
    auth,
    client,
    container,
    raw_key,
    settings,
)
