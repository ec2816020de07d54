"""Errors raised while reading or evaluating CAFA inputs."""

from __future__ import annotations


class EvaluationInputError(ValueError):
    """A malformed input line: names the source, the 1-based line number and the field."""

    def __init__(self, message: str, *, source: str, line: int, field: str) -> None:
        super().__init__(f"{source}:{line}: {field}: {message}")
        self.source = source
        self.line = line
        self.field = field


class OntologyCycleError(ValueError):
    """The is_a + part_of graph of a namespace has a cycle (cafaeval refuses it too)."""
