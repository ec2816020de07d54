"""Errors about benchmark configuration."""

from __future__ import annotations

from protea_domain.errors import InvalidInputError


class BenchmarkConfigError(InvalidInputError):
    """A benchmark configuration value that cannot be used; `key` names it (`stages.hidden`,
    `categories[1]`, ...)."""

    code = "invalid_benchmark_config"

    def __init__(self, key: str, message: str, *, source: str | None = None) -> None:
        super().__init__(message, location=f"{source}: {key}" if source else key)
        self.key = key
        self.source = source
        self.detail = message
