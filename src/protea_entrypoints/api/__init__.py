"""The HTTP API: a Starlette app over the use cases, versioned under /v1."""
