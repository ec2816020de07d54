"""The vectorised prediction reader agrees with a line-by-line reading of cafaeval's rule."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from protea_domain.evaluation import build_evaluation_ontology
from protea_domain.evaluation.annotations import build_ground_truth
from protea_domain.evaluation.predictions import read_predictions
from protea_domain.ontology import parse_obo

ONTOLOGY = build_evaluation_ontology(
    parse_obo(
        (
            "[Term]\nid: R\nnamespace: n\n\n[Term]\nid: A\nnamespace: n\nis_a: R\nalt_id: OLD\n\n"
            "[Term]\nid: B\nnamespace: n\nis_a: R\nalt_id: OLD\n\n[Term]\nid: M\nnamespace: m\n"
        ).splitlines(),
        "t.obo",
    ).terms
)
TRUTH = build_ground_truth([("t1", "A"), ("t2", "B"), ("t2", "M"), ("t3", "M")], ONTOLOGY)
TOKENS = st.sampled_from(["t1", "t2", "t3", "tx", "A", "B", "M", "R", "OLD", "Q"])
SCORES = st.sampled_from(["0.5", "1", "0.25", "1e-2", "0", "-0.5", "nan", "0.99"])
SEPARATORS = st.sampled_from(["\t", " ", "\t ", "  "])


@st.composite
def files(draw: st.DrawFn) -> list[str]:
    lines = []
    tabbed = draw(st.booleans())
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 30 if tabbed else 9))
        sep = "\t" if tabbed else draw(SEPARATORS)
        if kind == 0:
            lines.append(draw(st.sampled_from(["", "   ", "\t"])))
        elif kind == 1:
            lines.append(sep.join([draw(TOKENS), draw(TOKENS)]))
        else:
            cols = [draw(TOKENS), draw(TOKENS), draw(SCORES)]
            if kind == 2:
                cols.append(draw(TOKENS))
            lead = "" if tabbed else draw(st.sampled_from(["", "", " "]))
            lines.append(lead + sep.join(cols))
    end = "\n" if tabbed else draw(st.sampled_from(["\n", "\r\n"]))
    return [line + end for line in lines]


def _reference(lines: list[str]) -> dict[str, list[tuple[int, int, float]]]:
    slots = {gt.namespace: gt for gt in TRUTH}
    lookup = ONTOLOGY.prediction_lookup([gt.position for gt in TRUTH])
    out: dict[str, list[tuple[int, int, float]]] = {}
    for line in lines:
        parts = line.split()
        if len(parts) < 3 or parts[1] not in lookup:
            continue
        pos, idxs = lookup[parts[1]]
        gt = slots[ONTOLOGY.namespaces[pos].name]
        if parts[0] not in gt.rows:
            continue
        score = float(parts[2])
        score = score if score > 0 else 0.0
        out.setdefault(gt.namespace, []).extend((gt.rows[parts[0]], i, score) for i in idxs)
    return out


def _read(lines: list[str]) -> dict[str, list[tuple[int, int, float]]]:
    result = read_predictions(lines, "p.tsv", ONTOLOGY, TRUTH)
    return {
        ns: sorted(zip(r.rows.tolist(), r.terms.tolist(), r.scores.tolist(), strict=True))
        for ns, r in result.items()
    }


@settings(max_examples=200, deadline=None)
@given(files())
def test_reader_matches_line_by_line_rule(lines: list[str]) -> None:
    expected = {ns: sorted(v) for ns, v in _reference(lines).items()}
    assert _read(lines) == expected
    assert _read([line.rstrip("\r\n") for line in lines]) == expected
