"""Biodata fixtures (see tests/support/biodata.py)."""

from tests.support.biodata import (  # noqa: F401
    biodata_memory_factory,
    biodata_postgres_engine,
    biodata_postgres_factory,
    biodata_sqlite_factory,
    shared_data,
)
