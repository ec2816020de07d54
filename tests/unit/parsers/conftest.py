"""Fixtures for parser tests: the shared real-data folder (a missing folder fails, never skips)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def _shared_data() -> Path:
    env = os.environ.get("PROTEA_SHARED_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[4] / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = _shared_data()
    if not path.is_dir():
        pytest.fail(f"shared data folder missing: {path} (set PROTEA_SHARED_DATA)", pytrace=False)
    return path
