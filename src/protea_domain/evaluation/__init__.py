"""CAFA evaluation reproducing cafaeval 1.3.0 (and the CAFA-evaluator-PK lineage).

`evaluate` takes parsed inputs and returns typed tables whose TSV rendering is byte-identical to
cafaeval's `evaluation_all.tsv` and `evaluation_best_<metric>.tsv`; `evaluate_files` reads
cafaeval's file layout. See `evaluate` for the lineage options (denominators, targets without
remaining ground truth).

Where cafaeval 1.3.0 crashes or reads malformed files by accident, this package differs on
purpose: an OBO file is read by a real OBO 1.2 parser (`[Typedef]` stanzas never become terms,
`is_obsolete: false` keeps a term, trailing `{...}` modifiers are removed from parent ids); a
namespace whose predictions are all zero is evaluated (n = 0) instead of raising; an unreadable
score or a one-column ground-truth line raises `EvaluationInputError` naming file, line and field;
`-threads` is accepted and ignored; with `known`, a namespace without any known term simply has
nothing to exclude (the PK fork raises a KeyError there). On well-formed inputs every output byte
is cafaeval's.
"""

from protea_domain.evaluation.errors import EvaluationInputError, OntologyCycleError
from protea_domain.evaluation.evaluate import (
    EvaluationOptions,
    EvaluationResult,
    evaluate,
    thresholds,
)
from protea_domain.evaluation.files import evaluate_files, load_ontology, write_results
from protea_domain.evaluation.ontology import (
    EvaluationOntology,
    NamespaceOntology,
    build_evaluation_ontology,
)
from protea_domain.evaluation.table import MetricTable
from protea_domain.evaluation.tsv import render_table

__all__ = [
    "EvaluationInputError",
    "EvaluationOntology",
    "EvaluationOptions",
    "EvaluationResult",
    "MetricTable",
    "NamespaceOntology",
    "OntologyCycleError",
    "build_evaluation_ontology",
    "evaluate",
    "evaluate_files",
    "load_ontology",
    "render_table",
    "thresholds",
    "write_results",
]
