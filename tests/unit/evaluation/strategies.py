"""Hypothesis strategies: small CAFA cases (OBO text, ground truth, predictions, IA, options)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

NAMESPACES = ("ns_b", "ns_a", "ns_c")
SCORES = (0.01, 0.05, 0.07, 0.1, 0.2, 0.25, 0.3, 0.33, 0.5, 0.6, 0.75, 0.9, 0.99, 1.0)
IA_VALUES = (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.25)


@dataclass
class Case:
    obo: str
    ground_truth: str
    predictions: dict[str, str]
    ia: str | None
    options: dict[str, Any] = field(default_factory=dict)


@st.composite
def cases(draw: st.DrawFn, *, with_ia: bool | None = None) -> Case:
    n_ns = draw(st.integers(1, 3))
    stanzas: list[str] = []
    live: dict[str, list[str]] = {}
    all_ids: list[str] = []
    alt_ids: list[str] = []
    max_terms = draw(st.sampled_from([None, None, 0, 1, 3]))
    for n in range(n_ns):
        ns = NAMESPACES[n]
        size = draw(st.integers(1, 7))
        ids = [f"T:{ns[-1]}{i}" for i in range(size)]
        live[ns] = ids
        for i, term in enumerate(ids):
            lines = ["[Term]", f"id: {term}", f"name: term {term}", f"namespace: {ns}"]
            for j in sorted(draw(st.sets(st.integers(0, max(0, i - 1)), max_size=3))) if i else []:
                rel = draw(st.sampled_from(["is_a", "part_of", "regulates"]))
                if rel == "is_a":
                    lines.append(f"is_a: {ids[j]} ! term {ids[j]}")
                else:
                    lines.append(f"relationship: {rel} {ids[j]} ! term {ids[j]}")
            if i and draw(st.booleans()) and n:
                lines.append(f"is_a: T:{NAMESPACES[0][-1]}0 ! other namespace")
            if max_terms is None and all_ids and draw(st.integers(0, 6)) == 0:
                lines.append(f"alt_id: {draw(st.sampled_from(all_ids + ids[:i]))}")
            if draw(st.integers(0, 4)) == 0:
                alt = f"ALT:{draw(st.integers(0, 5))}" if max_terms is None else f"ALT:u{term}"
                lines.append(f"alt_id: {alt}")
                alt_ids.append(alt)
            stanzas.append("\n".join(lines))
        all_ids.extend(ids)
    for k in range(draw(st.integers(0, 2))):
        obsolete = f"T:obs{k}"
        stanzas.append(
            f"[Term]\nid: {obsolete}\nname: gone\nnamespace: {NAMESPACES[0]}\nis_obsolete: true"
        )
        all_ids.append(obsolete)
    order = draw(st.permutations(range(len(stanzas))))
    text = "format-version: 1.2\nontology: test\n\n" + "\n\n".join(stanzas[i] for i in order)
    text += "\n\n[Typedef]\nid: part_of\nname: part of\nnamespace: external\n"
    vocabulary = all_ids + alt_ids + ["X:unknown"]
    targets = [f"P{i}" for i in range(draw(st.integers(1, 6)))]
    gt_lines = []
    anchors: list[tuple[str, str]] = []
    for target in targets:
        for term in draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=4)):
            gt_lines.append(f"{target}\t{term}")
        ns = draw(st.sampled_from(sorted(live)))
        anchor = draw(st.sampled_from(live[ns]))
        gt_lines.append(f"{target}\t{anchor}")
        anchors.append((target, anchor))
    predictions: dict[str, str] = {}
    for f in range(draw(st.integers(1, 2))):
        rows = []
        target, anchor = draw(st.sampled_from(anchors))
        rows.append(f"{target}\t{anchor}\t0.5")
        for _ in range(draw(st.integers(0, 25))):
            t = draw(st.sampled_from([*targets, "P_unknown"]))
            term = draw(st.sampled_from(vocabulary))
            score = draw(st.sampled_from(SCORES))
            rows.append(f"{t}\t{term}\t{score}")
        order_rows = draw(st.permutations(rows))
        predictions[f"pred_{f}.tsv"] = "\n".join(order_rows) + "\n"
    use_ia = draw(st.booleans()) if with_ia is None else with_ia
    ia = None
    if use_ia:
        ia = "".join(
            f"{term}\t{draw(st.sampled_from(IA_VALUES))}\n"
            for term in all_ids
            if draw(st.integers(0, 5))
        )
    options: dict[str, Any] = {
        "norm": draw(st.sampled_from(["cafa", "pred", "gt"])),
        "prop": draw(st.sampled_from(["max", "fill"])),
        "no_orphans": draw(st.booleans()),
        "th_step": draw(st.sampled_from([0.01, 0.05, 0.1, 0.25, 0.3])),
        "max_terms": max_terms,
    }
    return Case(text + "\n", "\n".join(gt_lines) + "\n", predictions, ia, options)
