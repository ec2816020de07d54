"""Path parameters."""

from __future__ import annotations

from uuid import UUID

from protea_entrypoints.api.schemas.common import Strict


class JobPath(Strict):
    job_id: UUID


class RunPath(Strict):
    run_id: UUID
