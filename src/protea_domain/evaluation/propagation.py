"""Propagation of a dense (terms x targets) block to ancestors, one height level at a time.

`max`: every term takes the maximum over itself and its descendants. `fill`: a term keeps its
own non-zero value and otherwise takes the maximum of its children's propagated values. Both
equal cafaeval's column-by-column pass in topological order.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

from protea_domain.evaluation.ontology import BoolArray, IntArray, PropagationLevel

PropagationMode = Literal["max", "fill"]


def propagate_block(
    block: npt.NDArray[np.float64]
    | npt.NDArray[np.bool_]
    | npt.NDArray[np.uint8]
    | npt.NDArray[np.uint16],
    levels: tuple[PropagationLevel, ...],
    mode: PropagationMode = "max",
) -> None:
    """Propagate in place; rows are terms, columns are targets."""
    for level in levels:
        best = np.maximum.reduceat(block[level.children], level.starts, axis=0)
        own = block[level.parents]
        if mode == "max":
            block[level.parents] = np.maximum(own, best)
        else:
            block[level.parents] = np.where(own == 0, best, own)


def closure(terms: IntArray, size: int, levels: tuple[PropagationLevel, ...]) -> BoolArray:
    """Mask of the given terms and all their ancestors."""
    mask = np.zeros(size, dtype=np.bool_)
    mask[terms] = True
    for level in levels:
        mask[level.edge_parents[mask[level.children]]] = True
    return mask


def restrict_levels(
    levels: tuple[PropagationLevel, ...], active: BoolArray, local: IntArray
) -> tuple[PropagationLevel, ...]:
    """Levels over the edges whose child is active (an ancestor-closed set), locally indexed."""
    out: list[PropagationLevel] = []
    for level in levels:
        keep = active[level.children]
        if not keep.any():
            continue
        parents = local[level.edge_parents[keep]]
        starts = np.flatnonzero(np.concatenate(([True], parents[1:] != parents[:-1])))
        out.append(PropagationLevel(parents[starts], local[level.children[keep]], starts, parents))
    return tuple(out)
