"""CAFA prediction files: `protein<TAB>go_id<TAB>score`, one term per line, no header.

Scores are written with 3 decimals (CAFA's precision), zero scores omitted. With a `GoGraph`,
every prediction is propagated to its ancestors (is_a + part_of) taking the max score, as
cafaeval's `max` propagation does; the evaluator gives the same result either way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from protea_domain.prediction.features import TermTransfer
from protea_domain.prediction.go_graph import GoGraph

Scorer = Callable[[TermTransfer], float]


def best_scores(
    transfers: Iterable[TermTransfer], scorer: Scorer, graph: GoGraph | None = None
) -> dict[str, dict[str, float]]:
    """query -> term -> highest score (over ancestors too when `graph` is given)."""
    table: dict[str, dict[str, float]] = {}
    for item in transfers:
        score = scorer(item)
        row = table.setdefault(item.query, {})
        terms = graph.ancestors(item.go_id) if graph is not None else (item.go_id,)
        for term in terms:
            if score > row.get(term, -1.0):
                row[term] = score
    return table


def cafa_lines(table: dict[str, dict[str, float]]) -> Iterator[str]:
    """Lines (with newline) sorted by query, then score descending, then term."""
    for query in sorted(table):
        for term, score in sorted(table[query].items(), key=lambda kv: (-kv[1], kv[0])):
            text = f"{score:.3f}"
            if float(text) > 0.0:
                yield f"{query}\t{term}\t{text}\n"
