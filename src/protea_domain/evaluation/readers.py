"""Pure readers of the CAFA text inputs: ground truth, known terms, IA and terms of interest.

Whitespace-separated columns, as `cafaeval` splits them; blank lines are skipped. Prediction
lines are read inside `predictions.read_predictions`, where a score is parsed only when its
target and term take part in the evaluation (as `cafaeval` does).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

from protea_domain.evaluation.errors import EvaluationInputError


def parse_annotations(lines: Iterable[str], source: str) -> Iterator[tuple[str, str]]:
    """Yield `(target, term)` from `target term [...]` lines (ground truth, known terms)."""
    for number, line in enumerate(lines, start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) < 2:
            raise EvaluationInputError(
                "expected '<target> <term>'", source=source, line=number, field="term"
            )
        yield parts[0], parts[1]


def parse_ia(lines: Iterable[str], source: str) -> dict[str, float]:
    """Read `term ia` lines; the last value of a repeated term wins, as in `cafaeval`."""
    weights: dict[str, float] = {}
    for number, line in enumerate(lines, start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 2:
            raise EvaluationInputError(
                "expected '<term> <information accretion>'", source=source, line=number, field="ia"
            )
        try:
            value = float(parts[1])
        except ValueError:
            raise EvaluationInputError(
                f"not a number: {parts[1]!r}", source=source, line=number, field="ia"
            ) from None
        weights[parts[0]] = value
    return weights


def parse_terms(lines: Iterable[str], source: str) -> list[str]:
    """Read a terms-of-interest list: the first column of each non-blank line."""
    del source
    return [parts[0] for parts in (line.split() for line in lines) if parts]


def parse_score(text: str, source: str, line: int) -> float:
    """Parse a prediction score; NaN and negative scores count as no prediction (as in cafaeval)."""
    try:
        value = float(text)
    except ValueError:
        raise EvaluationInputError(
            f"not a number: {text!r}", source=source, line=line, field="score"
        ) from None
    if math.isnan(value) or value < 0.0:
        return 0.0
    return value
