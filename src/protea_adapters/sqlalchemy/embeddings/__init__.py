"""SQL embedding and prediction storage."""
