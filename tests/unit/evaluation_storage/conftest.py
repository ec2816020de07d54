"""Fixtures for the evaluation storage tests (see tests/contract/evaluation/conftest.py)."""

from tests.contract.evaluation.conftest import (  # noqa: F401
    evaluation_memory_factory,
    evaluation_sqlite_factory,
)
from tests.support.biodata import shared_data  # noqa: F401
