"""Unit of work port for evaluation work: the biodata repositories plus evaluation storage."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWork
from protea_domain.ports.evaluation_repository import EvaluationRepository


class EvaluationUnitOfWork(BioDataUnitOfWork, Protocol):
    """A `BioDataUnitOfWork` (same transaction semantics) that also holds `evaluation`, so an
    evaluation set is written in the same transaction that read its annotation sets."""

    evaluation: EvaluationRepository


EvaluationUnitOfWorkFactory = Callable[[], EvaluationUnitOfWork]
