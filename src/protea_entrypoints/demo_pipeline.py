"""The demo pipeline on bundled data: load GO, references and queries, embed (kmer), predict by
nearest-neighbour transfer, evaluate against the queries' ground truth, return the Fmax table.

Evaluation uses PROTEA's own CAFA evaluator (`protea_domain.evaluation`, identical to
cafaeval 1.3.0). A naive
baseline (each term's frequency among the propagated reference annotations) is evaluated
beside the KNN predictions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from protea_adapters.embedders.kmer import KmerEmbedder
from protea_domain.evaluation import evaluate, render_table
from protea_domain.evaluation.files import load_ontology, open_text
from protea_domain.evaluation.readers import parse_annotations
from protea_domain.ports.embedder import Embedder
from protea_domain.prediction import TransferSettings, annotate, cafa_lines
from protea_domain.prediction.files import load_fasta, load_go_graph, load_reference_annotations
from protea_domain.prediction.go_graph import GoGraph
from protea_domain.prediction.references import ReferenceAnnotations, with_ancestors
from protea_domain.scoring import VOTE

DEMO_DATA = Path(__file__).with_name("demo_data")
OBO = "go-basic-2022-07-01-slice.obo.gz"


@dataclass(frozen=True, slots=True)
class FmaxRow:
    method: str
    namespace: str
    fmax: float
    tau: float
    coverage: float


@dataclass(frozen=True, slots=True)
class DemoResult:
    queries: int
    references: int
    predictions: int
    rows: tuple[FmaxRow, ...]

    def table(self) -> str:
        lines = [f"{'method':<16}{'namespace':<22}{'Fmax':>7}{'tau':>7}{'coverage':>10}"]
        lines += [
            f"{r.method:<16}{r.namespace:<22}{r.fmax:>7.3f}{r.tau:>7.2f}{r.coverage:>10.3f}"
            for r in self.rows
        ]
        return "\n".join(lines)


def naive_lines(annotations: ReferenceAnnotations, graph: GoGraph, queries: list[str]) -> list[str]:
    """Every query gets each term's frequency among the propagated reference annotations
    (terms under 0.01, cafaeval's lowest threshold, are left out: they never count)."""
    scored: list[str] = []
    for by_accession in annotations.terms.values():
        counts = Counter(
            term
            for terms in by_accession.values()
            for term in set().union(*(graph.ancestors(t) for t in terms))
        )
        total = max(len(by_accession), 1)
        scored += [f"{t}\t{c / total:.3f}\n" for t, c in counts.items() if c / total >= 0.01]
    return [f"{q}\t{line}" for q in queries for line in scored]


DEMO_K = 20


def run_demo(
    data_dir: Path = DEMO_DATA, *, k: int = DEMO_K, embedder: Embedder | None = None
) -> DemoResult:
    """The demo's recipe in memory: kmer embeddings, references carrying every ancestor of
    their terms, the similarity-weighted vote of the k nearest (the setting that beat the
    naive baseline in benchmarks/prediction_quality.py)."""
    graph = load_go_graph(data_dir / OBO)
    annotations = load_reference_annotations(data_dir / "reference_annotations.tsv", graph)
    references = load_fasta(data_dir / "reference.fasta")
    queries = load_fasta(data_dir / "queries.fasta")
    settings = TransferSettings(k=k, propagate_references=True)
    run = annotate(queries, references, with_ancestors(annotations, graph),
                   embedder or KmerEmbedder(), settings, VOTE)  # fmt: skip
    predictions = {
        "knn_kmer": list(cafa_lines(run.scores)),
        "naive": naive_lines(annotations, graph, [q for q, _ in queries]),
    }
    rows = _evaluate(data_dir, predictions)
    return DemoResult(len(queries), len(references), len(predictions["knn_kmer"]), rows)


def _evaluate(data_dir: Path, predictions: dict[str, list[str]]) -> tuple[FmaxRow, ...]:
    with open_text(data_dir / "ground_truth.tsv") as handle:
        truth = list(parse_annotations(handle, "ground_truth.tsv"))
    files = [(f"{name}.tsv", iter(lines)) for name, lines in predictions.items()]
    result = evaluate(load_ontology(data_dir / OBO), truth, files)
    return _rows(render_table(result.best["f"], result.decimals))


def _rows(best_f: str) -> tuple[FmaxRow, ...]:
    lines = best_f.splitlines()
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=True))
        rows.append(FmaxRow(row["filename"].removesuffix(".tsv"), row["ns"], float(row["f"]),
                            float(row["tau"]), float(row["cov"])))  # fmt: skip
    return tuple(sorted(rows, key=lambda r: (r.namespace, r.method)))
