"""SQLAlchemy 2 adapters: one code path for PostgreSQL and SQLite."""

# Register the API and biodata tables on the shared `metadata` wherever the package is
# imported, so the schema-drift check and the test fixtures (which truncate `metadata`) see them.
import protea_adapters.sqlalchemy.api_tables
import protea_adapters.sqlalchemy.biodata_tables  # noqa: F401
