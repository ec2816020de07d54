"""Settings: file, environment overrides, errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from protea_adapters.settings import SettingsError, load_settings


def test_defaults_are_the_embedded_sqlite_file(tmp_path: Path) -> None:
    settings = load_settings(environ={"PROTEA_HOME": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'protea.db'}"
    assert settings.is_embedded
    assert settings.telemetry.enabled is False
    assert settings.telemetry.sample_ratio == 1.0


def test_environment_beats_the_file(tmp_path: Path) -> None:
    config = tmp_path / "protea.yaml"
    config.write_text(
        "database:\n  url: sqlite:///from-file.db\n  pool_size: 3\n"
        "queue:\n  amqp_url: amqp://file/\n"
    )
    settings = load_settings(
        config,
        environ={
            "PROTEA_DB_URL": "postgresql+psycopg2://u@h/db",
            "PROTEA_AMQP_URL": "amqp://env/",
        },
    )
    assert settings.database_url == "postgresql+psycopg2://u@h/db"
    assert settings.queue.amqp_url == "amqp://env/"
    assert settings.database.pool_size == 3
    assert not settings.is_embedded


def test_config_path_from_the_environment(tmp_path: Path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text("logging:\n  level: debug\n")
    assert load_settings(environ={"PROTEA_CONFIG": str(config)}).logging.level == "DEBUG"


@pytest.mark.parametrize(
    ("text", "environ", "named"),
    [
        ("database:\n  pool_size: many\n", {}, "database.pool_size"),
        ("database:\n  poolsize: 3\n", {}, "database.poolsize"),
        ("queue:\n  amqp_url: http://x\n", {}, "queue.amqp_url"),
        ("", {"PROTEA_DB_URL": "mysql://x/y"}, "PROTEA_DB_URL"),
        ("", {"PROTEA_OTEL_SAMPLE_RATIO": "2"}, "PROTEA_OTEL_SAMPLE_RATIO"),
        ("telemetry: [1, 2]\n", {}, "telemetry"),
        ("- a list\n", {}, "top level must be a mapping"),
        ("database: {url: [unclosed\n", {}, "invalid YAML"),
    ],
)
def test_invalid_settings_name_the_key(
    tmp_path: Path, text: str, environ: dict[str, str], named: str
) -> None:
    config = tmp_path / "bad.yaml"
    config.write_text(text)
    with pytest.raises(SettingsError) as caught:
        load_settings(config, environ=environ)
    assert named in str(caught.value)
    assert str(config) in str(caught.value) or named.startswith("PROTEA_")


def test_missing_file_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="cannot read"):
        load_settings(tmp_path / "absent.yaml", environ={})
