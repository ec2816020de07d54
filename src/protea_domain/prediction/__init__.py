"""Exact KNN, GO transfer from neighbours, per-term signals and CAFA export."""

from protea_domain.prediction.cafa import best_scores, cafa_lines
from protea_domain.prediction.exact_index import ExactIndex
from protea_domain.prediction.features import (
    FEATURE_NAMES,
    SIGNAL_NAMES,
    TermTransfer,
    similarity,
    training_rows,
    transfer_terms,
)
from protea_domain.prediction.go_graph import GoGraph
from protea_domain.prediction.inputs import read_annotation_inputs
from protea_domain.prediction.knn import Metric, Neighbours, knn_search
from protea_domain.prediction.pipeline import AnnotationRun, annotate, embed_unique
from protea_domain.prediction.reference_cache import CacheKey, ReferenceCache
from protea_domain.prediction.references import (
    AnnotationInput,
    EvidenceFilter,
    ReferenceAnnotations,
    build_reference_annotations,
)
from protea_domain.prediction.transfer import (
    ReferenceVectors,
    TransferSettings,
    predict_go_terms,
)

__all__ = [
    "FEATURE_NAMES",
    "SIGNAL_NAMES",
    "AnnotationInput",
    "AnnotationRun",
    "CacheKey",
    "EvidenceFilter",
    "ExactIndex",
    "GoGraph",
    "Metric",
    "Neighbours",
    "ReferenceAnnotations",
    "ReferenceCache",
    "ReferenceVectors",
    "TermTransfer",
    "TransferSettings",
    "annotate",
    "best_scores",
    "build_reference_annotations",
    "cafa_lines",
    "embed_unique",
    "knn_search",
    "predict_go_terms",
    "read_annotation_inputs",
    "similarity",
    "training_rows",
    "transfer_terms",
]
