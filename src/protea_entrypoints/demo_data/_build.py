"""Rebuild the demo data from shared data: `python _build.py SHARED_DATA_DIR OUT_DIR`.

Deterministic (seeded). Queries: 50 DEV-half human proteins (even Entrez gene ids only; the
HELDOUT half is not in shared data at all) of at most 1,000 residues with 2022 experimental
annotations in all three aspects. References: for each query its 5 nearest non-human Swiss-Prot
2014 proteins by the default kmer recipe, plus 250 drawn at random, with their 2014 annotations
mapped to GO 2022 (alt id -> primary, obsolete dropped). GO: the go-basic 2022-07-01 stanzas of
every used term and everything above it over any relation, verbatim, with the Typedefs.
"""

from __future__ import annotations

import gzip
import random
import sys
from pathlib import Path

import numpy as np

from protea_adapters.embedders.kmer import KmerEmbedder
from protea_domain.annotations.evidence import EXPERIMENTAL_EVIDENCE_CODES
from protea_domain.prediction import knn_search
from protea_domain.prediction.files import load_annotation_inputs, load_fasta, load_go_graph

SEED, N_QUERIES, N_NEAR, N_RANDOM, MAX_LENGTH = 20220701, 50, 5, 250, 1000


def _fasta(records: list[tuple[str, str]]) -> str:
    return "".join(
        f">{acc}\n" + "".join(seq[i : i + 60] + "\n" for i in range(0, len(seq), 60))
        for acc, seq in records
    )


def _go_slice(obo_gz: Path, used: set[str]) -> str:
    with gzip.open(obo_gz, "rt") as handle:
        text = handle.read()
    header, *stanzas = text.split("\n\n")
    by_id: dict[str, str] = {}
    typedefs: list[str] = []
    for stanza in stanzas:
        lines = stanza.strip().splitlines()
        if not lines:
            continue
        if lines[0] == "[Typedef]":
            typedefs.append(stanza.strip())
            continue
        by_id[lines[1].removeprefix("id: ")] = stanza.strip()
    keep: set[str] = set()
    stack = list(used)
    while stack:
        term = stack.pop()
        if term in keep or term not in by_id:
            continue
        keep.add(term)
        for line in by_id[term].splitlines():
            if line.startswith(("is_a: ", "relationship: ")):
                stack.append(next(w for w in line.split() if w.startswith("GO:")))
    body = [by_id[t] for t in sorted(keep)] + typedefs
    return header.strip() + "\n\n" + "\n\n".join(body) + "\n"


def main(shared: Path, out: Path) -> None:
    graph = load_go_graph(shared / "go/go-basic-2022-07-01.obo.gz")
    truth: dict[str, set[str]] = {}
    aspects: dict[str, set[str]] = {}
    for row in load_annotation_inputs(shared / "human2022/dev_annotations.tsv.gz"):
        term = graph.primary(row.go_id)
        if row.evidence_code in EXPERIMENTAL_EVIDENCE_CODES and term is not None:
            truth.setdefault(row.accession, set()).add(term)
            aspects.setdefault(row.accession, set()).add(str(graph.aspect(term)))
    humans = load_fasta(shared / "swissprot2014/human_dev.fasta.gz")
    eligible = [(a, s) for a, s in humans if len(s) <= MAX_LENGTH and len(aspects.get(a, ())) == 3]
    queries = sorted(random.Random(SEED).sample(eligible, N_QUERIES))
    references = load_fasta(shared / "swissprot2014/reference.fasta.gz")
    embedder = KmerEmbedder()
    found = knn_search(embedder.embed([s for _, s in queries]),
                       embedder.embed([s for _, s in references]), N_NEAR)  # fmt: skip
    chosen = {int(i) for i in found.indices.ravel() if i >= 0}
    rest = sorted(set(range(len(references))) - chosen)
    chosen |= set(random.Random(SEED).sample(rest, N_RANDOM))
    picked = [references[i] for i in sorted(chosen)]
    wanted = {a for a, _ in picked}
    rows: set[tuple[str, str, str]] = set()
    for row in load_annotation_inputs(shared / "swissprot2014/reference_annotations.tsv.gz"):
        term = graph.primary(row.go_id)
        if row.accession in wanted and term is not None:
            rows.add((row.accession, term, str(graph.aspect(term))))
    out.mkdir(parents=True, exist_ok=True)
    (out / "reference.fasta").write_text(_fasta(picked))
    (out / "reference_annotations.tsv").write_text(
        "accession\tgo_id\taspect\n" + "".join("\t".join(r) + "\n" for r in sorted(rows))
    )
    (out / "queries.fasta").write_text(_fasta(queries))
    (out / "ground_truth.tsv").write_text("".join(
        f"{a}\t{t}\n" for a, _ in queries for t in sorted(truth[a])))  # fmt: skip
    used = {t for _, t, _ in rows} | {t for a, _ in queries for t in truth[a]}
    slice_text = _go_slice(shared / "go/go-basic-2022-07-01.obo.gz", used).encode()
    with (
        open(out / "go-basic-2022-07-01-slice.obo.gz", "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle,
    ):  # deterministic: no name, mtime 0
        handle.write(slice_text)
    print(
        f"{len(queries)} queries, {len(picked)} references, {len(rows)} annotations, "
        f"{len(used)} used terms",
        np.__version__,
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
