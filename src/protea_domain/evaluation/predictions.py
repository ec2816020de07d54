"""Prediction files mapped onto the ground-truth rows of each namespace, as cafaeval reads them.

Only lines whose term (or alternative id) belongs to a namespace with ground truth and whose
target is a ground-truth target of that namespace are kept; repeated (target, term) pairs keep
the maximum score; NaN and negative scores count as no prediction. With `max_terms`, a line is
taken while the target's row holds at most `max_terms` non-zero terms (cafaeval's `<=` test).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice, repeat

import numpy as np

from protea_domain.evaluation.annotations import TargetTerms
from protea_domain.evaluation.errors import EvaluationInputError
from protea_domain.evaluation.ontology import EvaluationOntology, FloatArray, IntArray


@dataclass(frozen=True, slots=True)
class RawPredictions:
    """Unpropagated predictions of one namespace, sorted by ground-truth row."""

    namespace: str
    rows: IntArray
    terms: IntArray
    scores: FloatArray


def _bad_score(text: str, source: str, line: int) -> EvaluationInputError:
    return EvaluationInputError(f"not a number: {text!r}", source=source, line=line, field="score")


_BATCH_LINES = 1 << 16


class _Codes:
    """Integer codes for the ids of a lookup, so batches map through C-level `dict.get`."""

    def __init__(
        self,
        lookup: dict[str, tuple[int, tuple[int, ...]]],
        rows_maps: list[dict[str, int]],
    ) -> None:
        self.term_code = {term: code for code, term in enumerate(lookup)}
        values = list(lookup.values())
        self.slot = np.array([v[0] for v in values] + [-1], dtype=np.intp)
        self.first = np.array([v[1][0] for v in values] + [-1], dtype=np.intp)
        self.extra = {c: v[1] for c, v in enumerate(values) if len(v[1]) > 1}
        targets = sorted({t for rows in rows_maps for t in rows})
        self.target_code = {t: i for i, t in enumerate(targets)}
        self.row = np.full((len(targets) + 1, len(rows_maps) + 1), -1, dtype=np.intp)
        for slot, rows in enumerate(rows_maps):
            for target, row in rows.items():
                self.row[self.target_code[target], slot] = row


_REGULAR = re.compile(
    r"(?:[^\S\n]*\S+[^\S\n]+\S+[^\S\n]+\S+[^\S\n]*\n)*"
    r"(?:[^\S\n]*\S+[^\S\n]+\S+[^\S\n]+\S+[^\S\n]*)?"
)
_EMPTY_FIELD = ("\t\t", "\t\n", "\n\t", "\n\n")
_OTHER_SPACE = " \r\x0b\x0c\x1c\x1d\x1e\x1f"


def _blocks(lines: Iterable[str]) -> Iterator[tuple[list[str], str]]:
    """Batches of lines and their text, one line per "\n"-terminated row."""
    iterator = iter(lines)
    while batch := list(islice(iterator, _BATCH_LINES)):
        block = "".join(batch)
        if block.count("\n") < len(batch) - 1 or not batch[-2:][0].endswith("\n"):
            block = "\n".join(line.rstrip("\n") for line in batch) + "\n"
        yield batch, block


def _regular(batch: list[str], block: str) -> bool:
    """True when every line of the block has exactly three whitespace-separated columns."""
    if (
        block.isascii()
        and not any(c in block for c in _OTHER_SPACE)
        and not any(c in block for c in _EMPTY_FIELD)
        and not block.startswith("\t")
        and not block.endswith("\t")
    ):
        return set(map(str.count, batch, repeat("\t"))) == {2}
    return _REGULAR.fullmatch(block) is not None


def _batch(
    batch: list[str], block: str, codes: _Codes
) -> tuple[IntArray, IntArray, IntArray, FloatArray] | None:
    """Vectorised block of `target term score` lines; None when it needs the line-by-line path."""
    if not _regular(batch, block):
        return None
    tokens = block.split()
    n = len(tokens) // 3
    t_code = np.fromiter(map(codes.term_code.get, tokens[1::3], repeat(-1)), dtype=np.intp, count=n)
    g_code = np.fromiter(
        map(codes.target_code.get, tokens[0::3], repeat(-1)), dtype=np.intp, count=n
    )
    slot = codes.slot[t_code]
    row = codes.row[g_code, slot]
    picked = np.flatnonzero(row >= 0)
    try:
        values = np.fromiter(
            map(float, map(tokens.__getitem__, (picked * 3 + 2).tolist())),
            dtype=np.float64,
            count=picked.size,
        )
    except ValueError:
        return None
    return slot[picked], row[picked], t_code[picked], values


def _collect_all(
    lines: Iterable[str],
    source: str,
    lookup: dict[str, tuple[int, tuple[int, ...]]],
    rows_maps: list[dict[str, int]],
    seen: list[bool],
) -> list[tuple[IntArray, IntArray, FloatArray]]:
    codes = _Codes(lookup, rows_maps)
    pieces: list[tuple[IntArray, IntArray, IntArray, FloatArray]] = []
    first_line = 1
    for batch, block in _blocks(lines):
        got = _batch(batch, block, codes)
        if got is None:
            got = _irregular(batch, first_line, source, lookup, rows_maps, codes)
        pieces.append(got)
        first_line += len(batch)
    if pieces:
        slot = np.concatenate([p[0] for p in pieces])
        row = np.concatenate([p[1] for p in pieces])
        code = np.concatenate([p[2] for p in pieces])
        score = np.concatenate([p[3] for p in pieces])
    else:
        slot = row = code = np.zeros(0, dtype=np.intp)
        score = np.zeros(0, dtype=np.float64)
    term = codes.first[code]
    if codes.extra:
        multi = np.flatnonzero(np.isin(code, np.fromiter(codes.extra, dtype=np.intp)))
        add = [(i, t) for i in multi.tolist() for t in codes.extra[int(code[i])][1:]]
        if add:
            src = np.array([a[0] for a in add], dtype=np.intp)
            slot = np.concatenate((slot, slot[src]))
            row = np.concatenate((row, row[src]))
            term = np.concatenate((term, np.array([a[1] for a in add], dtype=np.intp)))
            score = np.concatenate((score, score[src]))
    buffers = []
    for index in range(len(rows_maps)):
        mine = slot == index
        seen[index] = bool(mine.any())
        buffers.append((row[mine], term[mine], score[mine]))
    return buffers


def _irregular(
    lines: list[str],
    first_line: int,
    source: str,
    lookup: dict[str, tuple[int, tuple[int, ...]]],
    rows_maps: list[dict[str, int]],
    codes: _Codes,
) -> tuple[IntArray, IntArray, IntArray, FloatArray]:
    slots: list[int] = []
    rows: list[int] = []
    terms: list[int] = []
    scores: list[float] = []
    for offset, line in enumerate(lines):
        parts = line.split()
        if len(parts) < 3:
            continue
        hit = lookup.get(parts[1])
        if hit is None:
            continue
        row = rows_maps[hit[0]].get(parts[0])
        if row is None:
            continue
        try:
            score = float(parts[2])
        except ValueError:
            raise _bad_score(parts[2], source, first_line + offset) from None
        slots.append(hit[0])
        rows.append(row)
        terms.append(codes.term_code[parts[1]])
        scores.append(score)
    return (
        np.array(slots, dtype=np.intp),
        np.array(rows, dtype=np.intp),
        np.array(terms, dtype=np.intp),
        np.array(scores, dtype=np.float64),
    )


def _collect_capped(
    lines: Iterable[str],
    source: str,
    lookup: dict[str, tuple[int, tuple[int, ...]]],
    rows_maps: list[dict[str, int]],
    seen: list[bool],
    max_terms: int,
) -> list[tuple[IntArray, IntArray, FloatArray]]:
    state: list[dict[int, dict[int, float]]] = [{} for _ in rows_maps]
    for number, line in enumerate(lines, start=1):
        parts = line.split()
        if len(parts) < 3:
            continue
        hit = lookup.get(parts[1])
        if hit is None:
            continue
        slot, idxs = hit
        row = rows_maps[slot].get(parts[0])
        if row is None:
            continue
        try:
            score = float(parts[2])
        except ValueError:
            raise _bad_score(parts[2], source, number) from None
        row_scores = state[slot].setdefault(row, {})
        for idx in idxs:
            if len(row_scores) <= max_terms:
                seen[slot] = True
                if score > row_scores.get(idx, 0.0):
                    row_scores[idx] = score
    buffers = []
    for rows_state in state:
        b_rows, b_terms, b_scores = array("q"), array("q"), array("d")
        for row, terms in rows_state.items():
            for idx, score in terms.items():
                b_rows.append(row)
                b_terms.append(idx)
                b_scores.append(score)
        buffers.append(
            (
                np.frombuffer(b_rows, dtype=np.int64).astype(np.intp),
                np.frombuffer(b_terms, dtype=np.int64).astype(np.intp),
                np.frombuffer(b_scores, dtype=np.float64).copy(),
            )
        )
    return buffers


def read_predictions(
    lines: Iterable[str],
    source: str,
    ontology: EvaluationOntology,
    ground_truth: tuple[TargetTerms, ...],
    max_terms: int | None = None,
) -> dict[str, RawPredictions]:
    """Namespaces that received at least one accepted line, with their raw predictions."""
    slot_of = {gt.position: slot for slot, gt in enumerate(ground_truth)}
    lookup = {
        term: (slot_of[pos], idxs)
        for term, (pos, idxs) in ontology.prediction_lookup(slot_of).items()
    }
    rows_maps = [dict(gt.rows) for gt in ground_truth]
    seen = [False] * len(ground_truth)
    if max_terms is None:
        buffers = _collect_all(lines, source, lookup, rows_maps, seen)
    else:
        buffers = _collect_capped(lines, source, lookup, rows_maps, seen, max_terms)
    result: dict[str, RawPredictions] = {}
    for slot, gt in enumerate(ground_truth):
        if not seen[slot]:
            continue
        rows, terms, scores = buffers[slot]
        scores = scores.copy()
        scores[~(scores > 0.0)] = 0.0
        order = np.argsort(rows, kind="stable")
        result[gt.namespace] = RawPredictions(
            gt.namespace, rows[order], terms[order], scores[order]
        )
    return result
