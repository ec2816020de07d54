"""Ports of the API-owned records, one concept per module, and their unit of work."""
