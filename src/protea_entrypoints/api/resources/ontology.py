"""/v1/ontology-snapshots: ontology releases, their terms, ancestors, descendants and the
ancestor subgraph of a set of terms."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from uuid import UUID

from protea_domain.errors import NotFoundError
from protea_domain.ontology.graph import OntologyGraph
from protea_domain.ontology.terms import GoTerm
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWork
from protea_entrypoints.api.schemas.biodata import (
    EdgeOut,
    RelationsQuery,
    SnapshotListOut,
    SnapshotOut,
    SnapshotPath,
    SubgraphOut,
    SubgraphQuery,
    TermListOut,
    TermOut,
    TermPath,
    TermSummaryOut,
)
from protea_entrypoints.api.spec import ApiRoute, Call, Reply

RelatedTerms = Callable[[str, Iterable[str] | None], set[str]]


def _terms(uow: BioDataUnitOfWork, snapshot_id: UUID, go_ids: Iterable[str]) -> list[GoTerm]:
    """The snapshot's terms of `go_ids`, in that order. Raises `NotFoundError` for an unknown
    snapshot or a term it does not have."""
    wanted = list(dict.fromkeys(go_ids))
    found = {term.go_id: term for term in uow.ontology.terms(snapshot_id, wanted)}
    missing = [go_id for go_id in wanted if go_id not in found]
    if missing:
        raise NotFoundError(f"no term {missing[0]} in ontology snapshot {snapshot_id}")
    return [found[go_id] for go_id in wanted]


def _summaries(
    uow: BioDataUnitOfWork, snapshot_id: UUID, go_ids: Iterable[str]
) -> list[TermSummaryOut]:
    """Summaries of `go_ids` in that order; an id the snapshot has no term for (the far end
    of an edge into another ontology) gets a summary without name or aspect."""
    wanted = list(go_ids)
    found = {term.go_id: term for term in uow.ontology.terms(snapshot_id, wanted)}
    return [
        TermSummaryOut.of(found[go_id])
        if go_id in found
        else TermSummaryOut(go_id=go_id, name=None, aspect=None, is_obsolete=False)
        for go_id in wanted
    ]


def _relations(relations: frozenset[str] | None) -> list[str] | None:
    return None if relations is None else sorted(relations)


def listing(call: Call) -> Reply:
    with call.deps.biodata_uow() as uow:
        snapshots = uow.ontology.snapshots()
    return Reply(SnapshotListOut(items=[SnapshotOut.of(s) for s in snapshots]))


def detail(call: Call) -> Reply:
    path: SnapshotPath = call.path
    with call.deps.biodata_uow() as uow:
        return Reply(SnapshotOut.of(uow.ontology.get_snapshot(path.snapshot_id)))


def term(call: Call) -> Reply:
    path: TermPath = call.path
    with call.deps.biodata_uow() as uow:
        (found,) = _terms(uow, path.snapshot_id, [path.go_id])
        parents = call.deps.graphs.graph(uow, path.snapshot_id).parents(path.go_id)
    return Reply(TermOut.with_parents(found, parents))


def _related(call: Call, direction: Callable[[OntologyGraph], RelatedTerms]) -> Reply:
    """The ancestors or descendants of a term over the requested relations."""
    path: TermPath = call.path
    query: RelationsQuery = call.query
    relations = query.relations()
    with call.deps.biodata_uow() as uow:
        _terms(uow, path.snapshot_id, [path.go_id])
        graph = call.deps.graphs.graph(uow, path.snapshot_id)
        ids = direction(graph)(path.go_id, relations)
        items = _summaries(uow, path.snapshot_id, sorted(ids))
    return Reply(TermListOut(go_id=path.go_id, relations=_relations(relations), items=items))


def ancestors(call: Call) -> Reply:
    return _related(call, lambda graph: graph.ancestors)


def descendants(call: Call) -> Reply:
    return _related(call, lambda graph: graph.descendants)


def subgraph(call: Call) -> Reply:
    path: SnapshotPath = call.path
    query: SubgraphQuery = call.query
    relations = query.relations()
    with call.deps.biodata_uow() as uow:
        _terms(uow, path.snapshot_id, query.go_id)
        graph = call.deps.graphs.graph(uow, path.snapshot_id)
        found = graph.ancestor_subgraph(query.go_id, relations)
        nodes = _summaries(uow, path.snapshot_id, found.terms)
    return Reply(
        SubgraphOut(
            relations=_relations(relations),
            nodes=nodes,
            edges=[EdgeOut.of(edge) for edge in found.edges],
        )
    )


TAG = "ontology"
ROUTES = [
    ApiRoute("GET", "/ontology-snapshots", listing, "listOntologySnapshots",
             "Ontology releases, oldest load first", TAG, {200: SnapshotListOut}),
    ApiRoute("GET", "/ontology-snapshots/{snapshot_id}", detail, "getOntologySnapshot",
             "One ontology release", TAG, {200: SnapshotOut}, path_model=SnapshotPath,
             problems=(404, 422)),
    ApiRoute("GET", "/ontology-snapshots/{snapshot_id}/terms/{go_id}", term, "getTerm",
             "A term of a release, with its parent edges", TAG, {200: TermOut},
             path_model=TermPath, problems=(404, 422)),
    ApiRoute("GET", "/ontology-snapshots/{snapshot_id}/terms/{go_id}/ancestors", ancestors,
             "listTermAncestors", "Every term above a term", TAG, {200: TermListOut},
             path_model=TermPath, query=RelationsQuery, problems=(404, 422)),
    ApiRoute("GET", "/ontology-snapshots/{snapshot_id}/terms/{go_id}/descendants", descendants,
             "listTermDescendants", "Every term below a term", TAG, {200: TermListOut},
             path_model=TermPath, query=RelationsQuery, problems=(404, 422)),
    ApiRoute("GET", "/ontology-snapshots/{snapshot_id}/subgraph", subgraph,
             "getAncestorSubgraph", "The ancestor subgraph of a set of terms", TAG,
             {200: SubgraphOut}, path_model=SnapshotPath, query=SubgraphQuery,
             problems=(404, 422),
             description="Breadth-first upwards from the `go_id` terms over the `relation` "
             "edge types: the terms reached as nodes and the edges walked."),
]  # fmt: skip
