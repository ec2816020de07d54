"""The app's lifespan: embedded workers on the default settings, nothing with a broker."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from starlette.applications import Starlette

from protea_domain.messaging.queues import WORK_QUEUES
from protea_entrypoints.api.deps import ApiDeps
from protea_entrypoints.worker.build import build_runtime

logger = logging.getLogger(__name__)


def lifespan_for(deps: ApiDeps) -> Callable[[Starlette], AbstractAsyncContextManager[Any]]:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        runtime = None
        if deps.settings.is_embedded and deps.api.embedded_workers > 0:
            runtime = build_runtime(
                deps.container,
                WORK_QUEUES,
                concurrency=deps.api.embedded_workers,
                grace_seconds=5.0,
                kind="api",
            )
            runtime.start()
            logger.info("embedded workers started (no broker configured)")
        try:
            yield
        finally:
            if runtime is not None:
                runtime.stop()

    return lifespan
