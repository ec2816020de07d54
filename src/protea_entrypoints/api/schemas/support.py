"""Support entries."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from protea_domain.api_access.support import MAX_COMMENT_LENGTH, SupportEntry
from protea_entrypoints.api.schemas.common import Strict


class SupportBody(Strict):
    comment: str | None = Field(default=None, max_length=MAX_COMMENT_LENGTH)


class SupportQuery(Strict):
    limit: int = Field(default=20, ge=0, le=200)


class SupportOut(BaseModel):
    id: int
    at: datetime
    comment: str | None

    @classmethod
    def of(cls, entry: SupportEntry) -> SupportOut:
        return cls(id=entry.id or 0, at=entry.at, comment=entry.comment)


class SupportSummaryOut(BaseModel):
    count: int
    latest: list[SupportOut]
