"""`compute_embeddings` (coordinator, protea.embeddings) and `embed_batch` (children,
protea.embeddings.batch).

The coordinator stores the recipe, asks storage which distinct sequences of the chosen
proteins lack a vector for it, and fans out one child per `batch_size` of them. A child
embeds its sequences and writes their vectors itself, in one commit; vectors already stored
(a redelivered child, an overlapping job) are skipped before embedding, and the write
inserts only missing rows, so a child is idempotent. Writes are not sent on to
protea.embeddings.write: messages are pointers (DESIGN.md section 4), and a vector batch
(256 x 1,280 floats is 1.3 MB) does not belong in the broker; the child's single commit
already separates compute from a failed write (the child is retried as a whole).
"""

from __future__ import annotations

import time
from typing import Any

from protea_domain.embeddings.stored import VECTOR_DTYPES, EmbeddingRecipe
from protea_domain.errors import InvalidInputError, NotFoundError
from protea_domain.messaging.queues import EMBEDDINGS, EMBEDDINGS_BATCH
from protea_domain.operations.payload import read_int, reject_unknown
from protea_domain.ports.embedder_factory import EmbedderFactory
from protea_domain.ports.embedding_repository import EmbeddingUnitOfWorkFactory
from protea_domain.ports.metrics import MetricsRecorder
from protea_domain.ports.operation import OperationContext

DEFAULT_BATCH_SIZE = 256
MAX_BATCH_SIZE = 100_000


def read_accessions(payload: dict[str, Any], key: str, *, required: bool) -> list[str] | None:
    """A list of distinct accessions (input order kept), None when absent and optional."""
    value = payload.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, list) or not all(isinstance(a, str) and a for a in value):
        raise InvalidInputError("expected a list of accessions", location=f"payload.{key}")
    if required and not value:
        raise InvalidInputError("must not be empty", location=f"payload.{key}")
    return list(dict.fromkeys(value))


def read_spec(payload: dict[str, Any]) -> dict[str, Any]:
    spec = payload.get("embedder", {"name": "kmer"})
    if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
        raise InvalidInputError(
            'expected an object with a "name" (kmer, unirep, esm, t5)', location="payload.embedder"
        )
    return dict(spec)


class ComputeEmbeddingsOperation:
    """Payload: `embedder` (a spec, default `{"name": "kmer"}`), `accessions` (default: every
    stored protein), `batch_size`, `dtype` (`float32` or `float16` storage)."""

    name = "compute_embeddings"
    queue = EMBEDDINGS

    def __init__(self, uow_factory: EmbeddingUnitOfWorkFactory, embedders: EmbedderFactory) -> None:
        self._uow_factory = uow_factory
        self._embedders = embedders

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        reject_unknown(payload, {"embedder", "accessions", "batch_size", "dtype"})
        dtype = payload.get("dtype", "float32")
        if dtype not in VECTOR_DTYPES:
            raise InvalidInputError(f"must be one of {VECTOR_DTYPES}", location="payload.dtype")
        return {
            "embedder": read_spec(payload),
            "accessions": read_accessions(payload, "accessions", required=False),
            "batch_size": read_int(
                payload, "batch_size", DEFAULT_BATCH_SIZE, minimum=1, maximum=MAX_BATCH_SIZE
            ),
            "dtype": dtype,
        }

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        embedder = self._embedders.from_spec(payload["embedder"])
        recipe = EmbeddingRecipe(embedder.config, embedder.dimension, payload["dtype"])
        with self._uow_factory() as uow:
            uow.embeddings.add_recipe(recipe)
            missing = uow.embeddings.missing_sequences(recipe.recipe_hash, payload["accessions"])
            uow.commit()
        size = payload["batch_size"]
        batches = [missing[i : i + size] for i in range(0, len(missing), size)]
        context.event(
            f"recipe {recipe.recipe_hash[:12]}: {len(missing)} sequences to embed",
            recipe_hash=recipe.recipe_hash,
            sequences=len(missing),
        )
        result = {"recipe_hash": recipe.recipe_hash, "sequences": len(missing)}
        if batches:
            children = [{"recipe_hash": recipe.recipe_hash, "md5s": b} for b in batches]
            context.publish_children(EMBEDDINGS_BATCH, EmbedBatchOperation.name, children)
        return result


class EmbedBatchOperation:
    """One batch child: `recipe_hash` and the `md5s` of the sequences to embed."""

    name = "embed_batch"
    queue = EMBEDDINGS_BATCH

    def __init__(
        self,
        uow_factory: EmbeddingUnitOfWorkFactory,
        embedders: EmbedderFactory,
        metrics: MetricsRecorder | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._embedders = embedders
        self._metrics = metrics

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        reject_unknown(payload, {"recipe_hash", "md5s"})
        recipe_hash = payload.get("recipe_hash")
        md5s = payload.get("md5s")
        if not isinstance(recipe_hash, str) or len(recipe_hash) != 64:
            raise InvalidInputError("expected a recipe hash", location="payload.recipe_hash")
        if not isinstance(md5s, list) or not all(isinstance(m, str) for m in md5s):
            raise InvalidInputError("expected a list of MD5s", location="payload.md5s")
        return {"recipe_hash": recipe_hash, "md5s": md5s}

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        started = time.monotonic()
        recipe_hash = payload["recipe_hash"]
        with self._uow_factory() as uow:
            try:
                recipe = uow.embeddings.get_recipe(recipe_hash)
            except NotFoundError as exc:
                raise InvalidInputError(str(exc), location="payload.recipe_hash") from exc
            done = uow.embeddings.embedded(recipe_hash, payload["md5s"])
            residues = uow.embeddings.residues([m for m in payload["md5s"] if m not in done])
        context.progress(0)
        md5s = sorted(residues, key=lambda m: (len(residues[m]), m))
        written = 0
        if md5s:
            matrix = self._embedders.from_config(recipe.config).embed([residues[m] for m in md5s])
            with self._uow_factory() as uow:
                written = uow.embeddings.add_vectors(
                    recipe_hash, [(md5, 0, matrix[i]) for i, md5 in enumerate(md5s)]
                )
                uow.commit()
        if self._metrics is not None:
            self._metrics.embeddings_batch_finished(time.monotonic() - started)
        return {"embedded": written, "skipped": len(payload["md5s"]) - len(md5s)}
