"""Settings: a YAML file, then environment overrides; invalid values fail naming the key."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

CONFIG_ENV = "PROTEA_CONFIG"

ENV_OVERRIDES: dict[str, tuple[str, ...]] = {
    "PROTEA_HOME": ("home",),
    "PROTEA_DB_URL": ("database", "url"),
    "PROTEA_AMQP_URL": ("queue", "amqp_url"),
    "PROTEA_LEASE_SECONDS": ("queue", "lease_seconds"),
    "PROTEA_PLUGINS": ("plugins",),
    "PROTEA_UNIPROT_SEARCH_URL": ("uniprot", "search_url"),
    "PROTEA_ARTIFACTS_ROOT": ("artifacts", "local_root"),
    "PROTEA_S3_ENDPOINT": ("artifacts", "s3_endpoint"),
    "PROTEA_S3_BUCKET": ("artifacts", "s3_bucket"),
    "PROTEA_S3_ACCESS_KEY": ("artifacts", "s3_access_key"),
    "PROTEA_S3_SECRET_KEY": ("artifacts", "s3_secret_key"),
    "PROTEA_S3_SECURE": ("artifacts", "s3_secure"),
    "PROTEA_BENCHMARK_CONFIG": ("benchmark_config",),
    "PROTEA_API_REQUIRE_KEYS": ("api", "require_keys"),
    "PROTEA_API_CORS_ORIGINS": ("api", "cors_origins"),
    "PROTEA_API_MAX_BODY_BYTES": ("api", "max_body_bytes"),
    "PROTEA_API_READINESS_TIMEOUT": ("api", "readiness_timeout_seconds"),
    "PROTEA_API_EMBEDDED_WORKERS": ("api", "embedded_workers"),
    "PROTEA_API_ANALYTICS": ("api", "analytics"),
    "PROTEA_API_IDEMPOTENCY_TTL": ("api", "idempotency_ttl_seconds"),
    "PROTEA_API_TRUSTED_PROXIES": ("api", "trusted_proxies"),
    "PROTEA_LOG_LEVEL": ("logging", "level"),
    "PROTEA_LOG_JSON": ("logging", "json_lines"),
    "PROTEA_OTEL_ENABLED": ("telemetry", "enabled"),
    "PROTEA_OTEL_ENDPOINT": ("telemetry", "endpoint"),
    "PROTEA_OTEL_SERVICE_NAME": ("telemetry", "service_name"),
    "PROTEA_OTEL_SAMPLE_RATIO": ("telemetry", "sample_ratio"),
}


class SettingsError(Exception):
    """Settings that cannot be used; the message names the file or variable and the key."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseSettings(_Section):
    url: str | None = None
    pool_size: int = Field(default=5, ge=1, le=200)
    max_overflow: int = Field(default=10, ge=0, le=500)
    echo: bool = False

    @field_validator("url")
    @classmethod
    def _known_backend(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            backend = make_url(value).get_backend_name()
        except ArgumentError as exc:
            raise ValueError(f"not a database URL: {value!r}") from exc
        if backend not in {"sqlite", "postgresql"}:
            raise ValueError(f"backend {backend!r} is not supported (sqlite or postgresql)")
        return value


class QueueSettings(_Section):
    amqp_url: str | None = None
    lease_seconds: float = Field(default=300.0, gt=0)

    @field_validator("amqp_url")
    @classmethod
    def _amqp_scheme(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("amqp://", "amqps://")):
            raise ValueError("must start with amqp:// or amqps://")
        return value


class LoggingSettings(_Section):
    level: str = "INFO"
    json_lines: bool = False

    @field_validator("level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        upper = value.upper()
        if upper not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError(f"unknown log level {value!r}")
        return upper


class ArtifactSettings(_Section):
    """Local files under `local_root` (default `home/artifacts`) unless all four S3 fields
    are set."""

    local_root: Path | None = None
    s3_endpoint: str | None = None
    s3_bucket: str | None = None
    s3_access_key: str | None = None
    s3_secret_key: SecretStr | None = None
    s3_secure: bool = True
    s3_region: str | None = "us-east-1"
    s3_prefix: str = ""
    s3_part_size: int = Field(default=16 * 1024 * 1024, ge=5 * 1024 * 1024, le=5 * 1024**3)
    s3_create_bucket: bool = True
    s3_connect_timeout: float = Field(default=3.0, gt=0)
    s3_read_timeout: float = Field(default=60.0, gt=0)
    s3_probe_timeout: float = Field(default=5.0, gt=0)
    s3_retries: int = Field(default=2, ge=0)


class ApiSettings(_Section):
    require_keys: bool = True
    """Writes need an API key; turn off only for local development."""
    cors_origins: tuple[str, ...] = ()
    """Origins allowed to call the API from a browser (exact matches)."""
    max_body_bytes: int = Field(default=1024 * 1024, ge=1)
    """Larger request bodies are refused with 413."""
    readiness_timeout_seconds: float = Field(default=2.0, gt=0)
    """Each readiness check (database, broker, artifact store) gets this long."""
    embedded_workers: int = Field(default=2, ge=0, le=64)
    """Worker threads per queue that `protea serve` runs in-process on the embedded default."""
    analytics: bool = True
    """Count GET page views by a daily-salted, truncated hash of the client address."""
    idempotency_ttl_seconds: int = Field(default=86400, ge=1)
    """An `Idempotency-Key` replays its first request for this long; then the key is free
    again and its record is deleted."""
    trusted_proxies: tuple[str, ...] = ()
    """IP addresses or CIDR networks of reverse proxies whose `X-Forwarded-For` is believed:
    the client address is then the right-most untrusted address of that header, else the
    TCP peer."""

    @field_validator("cors_origins", "trusted_proxies", mode="before")
    @classmethod
    def _split_lists(cls, value: object) -> object:
        """`PROTEA_API_CORS_ORIGINS=https://a.org,https://b.org` (and the same for
        `PROTEA_API_TRUSTED_PROXIES`) as well as a YAML list."""
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for entry in value:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(f"not an IP address or CIDR network: {entry!r}") from None
        return value


class UniProtSettings(_Section):
    search_url: str = "https://rest.uniprot.org/uniprotkb/search"


class TelemetrySettings(_Section):
    enabled: bool = False
    endpoint: str | None = None
    service_name: str | None = None
    sample_ratio: float = Field(default=1.0, ge=0.0, le=1.0)


class Settings(_Section):
    home: Path = Field(default_factory=lambda: Path("~/.protea").expanduser())
    database: DatabaseSettings = DatabaseSettings()
    queue: QueueSettings = QueueSettings()
    logging: LoggingSettings = LoggingSettings()
    telemetry: TelemetrySettings = TelemetrySettings()
    artifacts: ArtifactSettings = ArtifactSettings()
    api: ApiSettings = ApiSettings()
    uniprot: UniProtSettings = UniProtSettings()
    benchmark_config: Path | None = None
    plugins: tuple[str, ...] = ()

    @field_validator("plugins", mode="before")
    @classmethod
    def _split_plugins(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("plugins")
    @classmethod
    def _plugin_form(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for entry in value:
            module, _, attribute = entry.partition(":")
            if not module or not attribute:
                raise ValueError(f"{entry!r} is not of the form module:OperationClass")
        return value

    @property
    def database_url(self) -> str:
        """The configured URL, or the embedded default: a SQLite file under `home`."""
        return self.database.url or f"sqlite:///{self.home.expanduser() / 'protea.db'}"

    @property
    def is_embedded(self) -> bool:
        return self.queue.amqp_url is None


def _read_file(path: Path) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read settings file: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise SettingsError(f"{path}: invalid YAML: {exc}") from exc
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise SettingsError(f"{path}: the top level must be a mapping")
    return loaded


def _with_override(data: dict[str, Any], keys: tuple[str, ...], value: str) -> None:
    node = data
    for key in keys[:-1]:
        child = node.setdefault(key, {})
        if not isinstance(child, dict):
            raise SettingsError(f"settings key {key!r} must be a mapping")
        node = child
    node[keys[-1]] = value


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Read `path` (or $PROTEA_CONFIG, or nothing), apply PROTEA_* overrides, validate."""
    env = os.environ if environ is None else environ
    source = path or (Path(env[CONFIG_ENV]) if env.get(CONFIG_ENV) else None)
    data = _read_file(source) if source else {}
    origins: dict[tuple[str, ...], str] = {}
    for variable, keys in ENV_OVERRIDES.items():
        if env.get(variable):
            _with_override(data, keys, env[variable])
            origins[keys] = variable
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(str(part) for part in error["loc"])
            where = origins.get(loc) or (f"{source}: " if source else "") + ".".join(loc)
            problems.append(f"{where}: {error['msg']}")
        raise SettingsError("invalid settings: " + "; ".join(problems)) from None
