"""Settings of the HTTP API: the `api:` section of the process settings."""

from __future__ import annotations

from protea_adapters.settings import ApiSettings, Settings

__all__ = ["ApiSettings", "api_settings_of"]


def api_settings_of(settings: Settings) -> ApiSettings:
    return settings.api
