"""Use cases over the API-owned records."""
