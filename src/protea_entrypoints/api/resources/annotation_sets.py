"""/v1/annotation-sets and /v1/proteins/{accession}/annotations: loaded annotation releases
with their load reports, and a protein's GO annotations (optionally propagated)."""

from __future__ import annotations

from protea_domain.use_cases.biodata import queries
from protea_entrypoints.api.schemas.biodata import (
    AccessionPath,
    AnnotationOut,
    AnnotationSetDetailOut,
    AnnotationSetListOut,
    AnnotationSetOut,
    AnnotationSetPath,
    ProteinAnnotationsOut,
    ProteinAnnotationsQuery,
    SetAnnotationsOut,
)
from protea_entrypoints.api.spec import ApiRoute, Call, Reply


def listing(call: Call) -> Reply:
    with call.deps.biodata_uow() as uow:
        sets = uow.annotations.sets()
    return Reply(AnnotationSetListOut(items=[AnnotationSetOut.of(s) for s in sets]))


def detail(call: Call) -> Reply:
    path: AnnotationSetPath = call.path
    with call.deps.biodata_uow() as uow:
        found = uow.annotations.get_set(path.annotation_set_id)
    return Reply(AnnotationSetDetailOut.with_report(found))


def of_protein(call: Call) -> Reply:
    path: AccessionPath = call.path
    query: ProteinAnnotationsQuery = call.query
    items = []
    with call.deps.biodata_uow() as uow:
        queries.proteins_by_accession(uow, path.accession)
        if query.annotation_set_id is not None:
            sets = [uow.annotations.get_set(query.annotation_set_id)]
        else:
            sets = uow.annotations.sets()
        for annotation_set in sets:
            rows = queries.protein_annotations(uow, annotation_set.id, path.accession)
            if not rows and query.annotation_set_id is None:
                continue
            propagated = None
            if query.propagate:
                terms = queries.propagated_terms(uow, annotation_set.id, path.accession)
                propagated = sorted(terms)
            items.append(
                SetAnnotationsOut(
                    annotation_set=AnnotationSetOut.of(annotation_set),
                    annotations=[AnnotationOut.of(row) for row in rows],
                    propagated_terms=propagated,
                )
            )
    return Reply(ProteinAnnotationsOut(accession=path.accession, items=items))


TAG = "annotations"
ROUTES = [
    ApiRoute("GET", "/annotation-sets", listing, "listAnnotationSets",
             "Complete annotation sets, oldest first", TAG, {200: AnnotationSetListOut}),
    ApiRoute("GET", "/annotation-sets/{annotation_set_id}", detail, "getAnnotationSet",
             "One annotation set with its load report", TAG, {200: AnnotationSetDetailOut},
             path_model=AnnotationSetPath, problems=(404, 422)),
    ApiRoute("GET", "/proteins/{accession}/annotations", of_protein, "listProteinAnnotations",
             "A protein's GO annotations, per annotation set", TAG,
             {200: ProteinAnnotationsOut}, path_model=AccessionPath,
             query=ProteinAnnotationsQuery, problems=(404, 422),
             description="Every set that annotates the protein (or the one named); with "
             "`propagate=true` also the annotated terms with all their ancestors over is_a + "
             "part_of, NOT-qualified annotations left out."),
]  # fmt: skip
