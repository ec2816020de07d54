"""Pydantic models that validate requests and shape responses; the OpenAPI document is built
from them."""
