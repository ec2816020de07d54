"""SQL repositories for the biological data (one code path for PostgreSQL and SQLite)."""
