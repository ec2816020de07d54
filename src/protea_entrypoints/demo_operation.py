"""The demo's annotation pipeline as an operation, so the demo runs it as a job."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from protea_domain.messaging.queues import JOBS
from protea_domain.operations.payload import read_int, reject_unknown
from protea_domain.ports.operation import OperationContext
from protea_entrypoints.demo_pipeline import run_demo


class AnnotationDemoOperation:
    """Embed (kmer), transfer GO terms from the k nearest references, evaluate against the
    bundled ground truth; the result holds the Fmax rows."""

    name = "annotation_demo"
    queue = JOBS

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        reject_unknown(payload, {"k"})
        return {"k": read_int(payload, "k", 5, minimum=1, maximum=100)}

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        context.progress(0, 1, "embedding, nearest-neighbour transfer and CAFA evaluation")
        result = run_demo(k=payload["k"])
        context.progress(1, 1)
        return {
            "queries": result.queries,
            "references": result.references,
            "predictions": result.predictions,
            "rows": [asdict(row) for row in result.rows],
        }
