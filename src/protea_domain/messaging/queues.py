"""Queue names (DESIGN.md section 4)."""

from __future__ import annotations

PING = "protea.ping"
JOBS = "protea.jobs"
EMBEDDINGS = "protea.embeddings"
EMBEDDINGS_BATCH = "protea.embeddings.batch"
EMBEDDINGS_WRITE = "protea.embeddings.write"
PREDICTIONS_BATCH = "protea.predictions.batch"
PREDICTIONS_WRITE = "protea.predictions.write"
DEAD_LETTER = "protea.dlq"

WORK_QUEUES = (
    PING,
    JOBS,
    EMBEDDINGS,
    EMBEDDINGS_BATCH,
    EMBEDDINGS_WRITE,
    PREDICTIONS_BATCH,
    PREDICTIONS_WRITE,
)
