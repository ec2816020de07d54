"""HTTP clients for network data sources (stdlib urllib; no extra dependency)."""
