"""Keyset pagination links shared by the biodata resources."""

from __future__ import annotations

from urllib.parse import urlencode

from protea_entrypoints.api.spec import Call


def next_link(call: Call, after: str) -> str:
    """This request's URL with `after` replaced: the next page."""
    kept = [(k, v) for k, v in call.request.query_params.multi_items() if k != "after"]
    return str(call.request.url.replace(query=urlencode([*kept, ("after", after)])))
