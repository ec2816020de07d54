"""In-memory embedding and prediction storage."""
