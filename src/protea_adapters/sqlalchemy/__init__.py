"""SQLAlchemy 2 adapters: one code path for PostgreSQL and SQLite."""

# Register every table module on the shared `metadata` wherever the package is imported, so
# the schema-drift check and the test fixtures (which truncate `metadata`) see them all.
import protea_adapters.sqlalchemy.api_tables
import protea_adapters.sqlalchemy.biodata_tables
import protea_adapters.sqlalchemy.embedding_tables
import protea_adapters.sqlalchemy.evaluation_tables  # noqa: F401
