"""The route table's vocabulary: one `ApiRoute` per operation, from which both the Starlette
routes and the OpenAPI document are built."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response

from protea_entrypoints.api.deps import ApiDeps

API_PREFIX = "/v1"


@dataclass(frozen=True)
class Header:
    """A documented request header a handler reads."""

    name: str
    description: str
    max_length: int = 255


@dataclass
class Call:
    """One validated request, as a handler sees it."""

    deps: ApiDeps
    request: Request
    path: Any = None
    query: Any = None
    body: Any = None
    raw_body: Any = None
    text: str | None = None
    principal: str = "anonymous"

    def header(self, name: str) -> str | None:
        return self.request.headers.get(name)


@dataclass
class Reply:
    model: BaseModel | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    response: Response | None = None


Handler = Callable[[Call], Reply]


@dataclass(frozen=True)
class ApiRoute:
    method: str
    path: str
    handler: Handler
    operation_id: str
    summary: str
    tag: str
    responses: Mapping[int, type[BaseModel] | None]
    path_model: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    body: type[BaseModel] | None = None
    headers: tuple[Header, ...] = ()
    problems: tuple[int, ...] = ()
    write: bool = False
    versioned: bool = True
    media_type: str = "application/json"
    description: str | None = None
    text_body: tuple[str, ...] = ()
    """Media types of a raw text body accepted besides the JSON `body` (given to the handler
    as `Call.text`, the `body` model then unused)."""

    @property
    def template(self) -> str:
        return f"{API_PREFIX}{self.path}" if self.versioned else self.path
