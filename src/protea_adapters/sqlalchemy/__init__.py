"""SQLAlchemy 2 adapters: one code path for PostgreSQL and SQLite."""
