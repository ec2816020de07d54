"""Running a job inside the CLI process when no broker is configured (the embedded default)."""

from __future__ import annotations

import os
import socket
import threading
from uuid import UUID

from protea_adapters.containers import CliContainer
from protea_domain.use_cases.run_job import run_job


def start_inline(container: CliContainer, job_id: UUID) -> threading.Thread:
    worker = f"cli@{socket.gethostname()}:{os.getpid()}"
    thread = threading.Thread(
        target=run_job,
        args=(container.unit_of_work, container.clock(), container.registry(), job_id, worker),
        name=f"job-{job_id}",
        daemon=True,
    )
    thread.start()
    return thread
