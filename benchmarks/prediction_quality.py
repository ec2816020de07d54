"""Prediction quality on a temporal human benchmark built from shared data, scored by cafaeval.

`python benchmarks/prediction_quality.py [--targets 1500] [--embedders kmer,unirep]`
`[--unirep-units 64] [--k 5[,20]] [--scorers knn,vote[,vote_prior]] [--prior-weights 0.5]`
`[--propagate-references] [--split all|tune|test] [--evaluator reference|protea] [--cache DIR]`

Case (all from `../shared/data`, or `$PROTEA_SHARED_DATA`):
* ontology: GO go-basic 2022-07-01; 2014 ids are mapped to it (alt id -> primary, obsolete
  dropped) and every set is propagated over is_a + part_of inside its namespace;
* references: the 40,000 non-human Swiss-Prot 2014 proteins with their 2014 annotations;
* queries: DEV-half human proteins (2014 sequences); t0 = their 2014 annotations, t1 = their
  2022 experimental annotations (EXP IDA IPI IMP IGI IEP HTP HDA HMP HGI HEP TAS IC);
* LK targets of a namespace: no t0 term there, some t1 term there; ground truth = t1 terms;
* PK targets: t0 terms there and t1 terms outside the propagated t0 closure; ground truth =
  their t1 terms, known = t0 terms (excluded from ground truth and predictions by the
  evaluator);
* IA: -log2 P(term | its parents) over the propagated 2022 annotations of all DEV proteins;
* a seeded subsample of `--targets` queries among those with any LK/PK target is evaluated.

Predictors: KNN transfer (k neighbours per aspect, score 1 - d/2 of the nearest carrier;
`knn_*`) and the similarity-weighted vote over the same neighbours (`vote_*`) for each
embedder, and the naive baseline (each term's frequency among the propagated reference
annotations). LK is scored with cafaeval 1.3.0 (the venv's `cafaeval`); cafaeval 1.3.0 has no
`-known`, so PK is scored with the CAFA-evaluator-PK lineage (`cafaeval-protea` 0.1.0 in
`.bench-venvs/cafaeval-protea`, `-known`). Best F and weighted F per namespace are printed.

Options for studying the gap to the naive baseline: several `--k` values (file names get a
`_k<k>` suffix); `--scorers` adds named `ScoringConfig`s of `protea_domain.scoring`;
`--prior-weights w1,w2` adds `vote_prior<w>` configs, the weighted mean (1 - w) vote_score +
w go_term_frequency; `--propagate-references` carries every reference term up to its
ancestors before transfer, so that a neighbour votes for every term it implies (as the naive
baseline counts terms) and go_term_frequency becomes the naive score; `--split tune|test`
draws targets from one of two fixed halves of the DEV proteins (by accession hash) so that
settings chosen on `tune` can be reported on `test`; `--evaluator protea` scores LK and PK
with PROTEA's own evaluator (cafaeval's output format; PK with `-known` and
`-weighted_denominator annotated`, as cafaeval-protea), which is much faster; `--naive-blend
w1,w2` adds `blend<w>` files, (1 - w) vote + w naive frequency over the union of the voted
and the naive terms; `--cache DIR`
keeps embeddings between runs (one `.npy` per recipe and residue list).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import numpy.typing as npt

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from protea_adapters.embedders.registry import make_embedder  # noqa: E402
from protea_domain.annotations.evidence import EXPERIMENTAL_EVIDENCE_CODES  # noqa: E402
from protea_domain.ports.embedder import Embedder  # noqa: E402
from protea_domain.prediction import TransferSettings, best_scores, cafa_lines  # noqa: E402
from protea_domain.prediction.files import (  # noqa: E402
    load_annotation_inputs,
    load_fasta,
    load_go_graph,
)
from protea_domain.prediction.go_graph import GoGraph  # noqa: E402
from protea_domain.prediction.pipeline import embed_unique  # noqa: E402
from protea_domain.prediction.references import (  # noqa: E402
    build_reference_annotations,
    with_ancestors,
)
from protea_domain.prediction.transfer import ReferenceVectors, predict_go_terms  # noqa: E402
from protea_domain.scoring import TRANSFER, VOTE, ScoringConfig  # noqa: E402

Sets = dict[str, dict[str, set[str]]]  # namespace letter -> protein -> terms
NAMESPACES = {"P": "biological_process", "F": "molecular_function", "C": "cellular_component"}


def shared() -> Path:
    return Path(os.environ.get("PROTEA_SHARED_DATA", REPO.parent / "shared" / "data"))


def grouped(graph: GoGraph, pairs: list[tuple[str, str]], propagate: bool) -> Sets:
    out: Sets = defaultdict(lambda: defaultdict(set))
    for protein, go_id in pairs:
        term = graph.primary(go_id)
        aspect = graph.aspect(term) if term else None
        if term is None or aspect is None:
            continue
        out[aspect.value][protein] |= graph.ancestors(term) if propagate else {term}
    return out


def information_accretion(graph: GoGraph, propagated: Sets) -> dict[str, float]:
    """IA(t) = -log2 P(t | all parents of t) over propagated annotations (0 for roots)."""
    ia: dict[str, float] = {}
    for proteins in propagated.values():
        holders: dict[str, set[str]] = defaultdict(set)
        for protein, terms in proteins.items():
            for term in terms:
                holders[term].add(protein)
        for term, have in holders.items():
            parents = graph.parents(term)
            if not parents:
                ia[term] = 0.0
                continue
            base = set.intersection(*(holders[p] for p in parents))
            ia[term] = float(-np.log2(len(have) / len(base))) + 0.0
    return ia


def in_split(accession: str, split: str) -> bool:
    """`tune` / `test`: two fixed halves of the DEV proteins (by a hash of the accession), so
    that settings chosen on `tune` are reported on proteins they never saw; `all`: both."""
    if split == "all":
        return True
    tune = hashlib.sha256(accession.encode()).digest()[0] % 2 == 0
    return tune == (split == "tune")


def build_case(
    graph: GoGraph, data: Path, n_targets: int, seed: int, work: Path, split: str = "all"
) -> list[str]:
    t0_pairs = [
        (r.accession, r.go_id)
        for r in load_annotation_inputs(data / "swissprot2014/human_dev_annotations_2014.tsv.gz")
    ]
    t1_rows = load_annotation_inputs(data / "human2022/dev_annotations.tsv.gz")
    t1_pairs = [(r.accession, r.go_id) for r in t1_rows
                if r.evidence_code in EXPERIMENTAL_EVIDENCE_CODES]  # fmt: skip
    t0_raw, t0 = grouped(graph, t0_pairs, False), grouped(graph, t0_pairs, True)
    t1_raw, t1 = grouped(graph, t1_pairs, False), grouped(graph, t1_pairs, True)
    has_t0 = {p for proteins in t0.values() for p in proteins}
    lk: dict[str, list[str]] = defaultdict(list)
    pk: dict[str, list[str]] = defaultdict(list)
    for ns in NAMESPACES:
        for protein, terms in t1[ns].items():
            known = t0[ns].get(protein, set())
            if not known and protein in has_t0:
                lk[ns].append(protein)
            elif known and terms - known:
                pk[ns].append(protein)
    having = {p for d in (lk, pk) for ps in d.values() for p in ps}
    candidates = sorted(p for p in having if in_split(p, split))
    chosen = set(random.Random(seed).sample(candidates, min(n_targets, len(candidates))))
    for name, setting in (("lk", lk), ("pk", pk)):
        with open(work / f"gt_{name}.tsv", "w") as gt, open(work / f"known_{name}.tsv", "w") as kn:
            for ns, proteins in setting.items():
                for p in sorted(set(proteins) & chosen):
                    gt.writelines(f"{p}\t{t}\n" for t in sorted(t1_raw[ns][p]))
                    kn.writelines(f"{p}\t{t}\n" for t in sorted(t0_raw[ns].get(p, ())))
        counts = {ns: len(set(ps) & chosen) for ns, ps in setting.items()}
        print(f"{name.upper()} targets in the subsample: {counts}")
    all_pairs = [(r.accession, r.go_id) for r in t1_rows]
    ia = information_accretion(graph, grouped(graph, all_pairs, True))
    (work / "ia.tsv").write_text("".join(f"{t}\t{v:.6f}\n" for t, v in sorted(ia.items())))
    print(f"{len(candidates)} DEV proteins with an LK/PK target (split {split}); "
          f"{len(chosen)} evaluated")  # fmt: skip
    return sorted(chosen)


def write_naive(graph: GoGraph, reference_pairs: list[tuple[str, str]], queries: list[str],
                path: Path) -> dict[str, float]:  # fmt: skip
    """Writes the naive predictions; returns their scores (term -> frequency >= 0.01)."""
    frequency: dict[str, float] = {}
    for proteins in grouped(graph, reference_pairs, True).values():
        counts = Counter(t for terms in proteins.values() for t in terms)
        for term, count in counts.most_common():
            score = count / len(proteins)
            if score < 0.01:  # below cafaeval's lowest threshold: never counted
                break
            frequency[term] = score
    lines = [f"{term}\t{score:.3f}\n" for term, score in frequency.items()]
    with path.open("w") as out:
        for query in queries:
            out.writelines(f"{query}\t{line}" for line in lines)
    return frequency


def naive_blend(votes: dict[str, dict[str, float]], prior: dict[str, float],
                queries: list[str], weight: float) -> dict[str, dict[str, float]]:  # fmt: skip
    """(1 - weight) vote + weight naive frequency over every term that either scores (a vote
    of 0 where no neighbour carries the term): the vote shrunk towards the base rate."""
    blended: dict[str, dict[str, float]] = {}
    for query in queries:
        row = votes.get(query, {})
        blended[query] = {term: (1.0 - weight) * row.get(term, 0.0) + weight * prior.get(term, 0.0)
                          for term in row.keys() | prior.keys()}  # fmt: skip
    return blended


def evaluate(tool: list[str], obo: Path, preds: Path, work: Path, setting: str) -> dict[str, str]:
    out = work / f"out_{setting}"
    command = [*tool, str(obo), str(preds), str(work / f"gt_{setting}.tsv"), "-out_dir", str(out),
               "-ia", str(work / "ia.tsv"), "-threads", "1"]  # fmt: skip
    if setting == "pk":
        command += ["-known", str(work / "known_pk.tsv")]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    print(f"  [{setting.upper()} evaluated by {' '.join(Path(t).name for t in tool[:3])} "
          f"in {time.perf_counter() - started:.0f}s]")  # fmt: skip
    return {"f": (out / "evaluation_best_f.tsv").read_text(),
            "f_w": (out / "evaluation_best_f_w.tsv").read_text()}  # fmt: skip


def report(setting: str, tables: dict[str, str]) -> None:
    best: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for metric, text in tables.items():
        lines = text.splitlines()
        header = lines[0].split("\t")
        for line in lines[1:]:
            row = dict(zip(header, line.split("\t"), strict=True))
            best[(row["filename"].removesuffix(".tsv"), row["ns"])][metric] = row[metric]
            best[(row["filename"].removesuffix(".tsv"), row["ns"])]["cov"] = row["cov"]
    for (name, ns), values in sorted(best.items()):
        print(f"{setting.upper()} {ns:<19} {name:<16} Fmax {values.get('f', '-'):>6}  "
              f"wFmax {values.get('f_w', '-'):>6}")  # fmt: skip


def cached_vectors(
    embedder: Embedder, residues: list[str], cache: Path | None
) -> npt.NDArray[np.float32]:
    """`embed_unique` of `residues`, kept in `cache` under the recipe and the residues."""
    if cache is None:
        return embed_unique(embedder, residues)
    key = hashlib.sha256("\n".join([embedder.config.content_hash, *residues]).encode())
    path = cache / f"{embedder.config.model}-{key.hexdigest()[:24]}.npy"
    if path.exists():
        return np.asarray(np.load(path), dtype=np.float32)
    vectors = embed_unique(embedder, residues)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def scorers(names: str, prior_weights: str) -> dict[str, ScoringConfig]:
    """`knn` (TRANSFER), `vote` (VOTE) and, per prior weight w, `vote_prior<w>`: the mean of
    vote_score and go_term_frequency weighted 1 - w and w."""
    known = {"knn": TRANSFER, "vote": VOTE}
    chosen = {name: known[name] for name in names.split(",") if name}
    for weight in (float(w) for w in prior_weights.split(",") if w):
        name = f"vote_prior{weight:g}"
        weights = (("vote_score", 1.0 - weight), ("go_term_frequency", weight))
        chosen[name] = ScoringConfig(name=name, weights=weights)
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--targets", type=int, default=1500)
    parser.add_argument("--embedders", default="kmer,unirep")
    parser.add_argument("--unirep-units", type=int, default=64)
    parser.add_argument("--k", default="5", help="neighbour counts, comma-separated")
    parser.add_argument("--scorers", default="knn,vote", help="knn, vote or a named config")
    parser.add_argument("--prior-weights", default="", help="e.g. 0.5: adds vote_prior0.5")
    parser.add_argument("--naive-blend", default="", help="e.g. 0.3: adds blend0.3 files")
    parser.add_argument("--propagate-references", action="store_true")
    parser.add_argument("--evaluator", choices=("reference", "protea"), default="reference")
    parser.add_argument("--cache", type=Path, default=None, help="keeps embeddings (.npy)")
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--split", choices=("all", "tune", "test"), default="all")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    data = shared()
    work = args.work or Path(tempfile.mkdtemp(prefix="protea-quality-"))
    (work / "preds").mkdir(parents=True, exist_ok=True)
    obo = work / "go.obo"
    with gzip.open(data / "go/go-basic-2022-07-01.obo.gz", "rt") as src:
        obo.write_text(src.read())
    graph = load_go_graph(obo)
    targets = build_case(graph, data, args.targets, args.seed, work, args.split)
    reference_rows = load_annotation_inputs(data / "swissprot2014/reference_annotations.tsv.gz")
    prior = write_naive(graph, [(r.accession, r.go_id) for r in reference_rows], targets,
                        work / "preds" / "naive.tsv")  # fmt: skip
    annotations = build_reference_annotations(reference_rows, graph)
    if args.propagate_references:
        annotations = with_ancestors(annotations, graph)
    annotated = set(annotations.accessions())
    references = [(a, r) for a, r in load_fasta(data / "swissprot2014/reference.fasta.gz")
                  if a in annotated]  # fmt: skip
    queries = load_fasta(data / "swissprot2014/human_dev.fasta.gz", targets)
    ks = [int(k) for k in args.k.split(",")]
    chosen = scorers(args.scorers, args.prior_weights)
    for name in args.embedders.split(","):
        embedder = make_embedder(name, unirep_units=args.unirep_units)
        started = time.perf_counter()
        reference_vectors = ReferenceVectors(
            [a for a, _ in references], cached_vectors(embedder, [r for _, r in references],
                                                       args.cache),
            embedder.config.content_hash,
        )  # fmt: skip
        query_vectors = cached_vectors(embedder, [r for _, r in queries], args.cache)
        for k in ks:
            suffix = f"_k{k}" if len(ks) > 1 else ""
            transfers = predict_go_terms(
                [a for a, _ in queries], query_vectors, reference_vectors, annotations,
                TransferSettings(k=k),
            )  # fmt: skip
            for scorer_name, scorer in chosen.items():
                label = f"{scorer_name}_{embedder.config.model}{suffix}"
                with (work / "preds" / f"{label}.tsv").open("w") as out:
                    out.writelines(cafa_lines(best_scores(transfers, scorer)))
            votes = best_scores(transfers, VOTE) if args.naive_blend else {}
            for weight in (float(w) for w in args.naive_blend.split(",") if w):
                label = f"blend{weight:g}_{embedder.config.model}{suffix}"
                with (work / "preds" / f"{label}.tsv").open("w") as out:
                    out.writelines(cafa_lines(naive_blend(votes, prior, targets, weight)))
        print(f"{embedder.config.model}: {len(references)} references + {len(queries)} queries "
              f"embedded and predicted in {time.perf_counter() - started:.0f}s")  # fmt: skip
    if args.evaluator == "protea":
        tools = {"lk": [sys.executable, "-m", "protea_entrypoints.cli.evaluate"]}
        tools["pk"] = [*tools["lk"], "-weighted_denominator", "annotated"]
    else:
        fork = REPO / ".bench-venvs" / "cafaeval-protea" / "bin" / "cafaeval"
        tools = {"lk": [str(Path(sys.executable).parent / "cafaeval")], "pk": [str(fork)]}
    for setting in ("lk", "pk"):
        report(setting, evaluate(tools[setting], obo, work / "preds", work, setting))
    print(f"work folder: {work}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
