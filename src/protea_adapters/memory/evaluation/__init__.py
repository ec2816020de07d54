"""In-memory evaluation storage."""
