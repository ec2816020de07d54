"""Ontology graphs kept in memory between requests: a snapshot never changes once loaded
(re-import is a no-op and there is no update), so its graph can be reused by every term query
instead of reading all its edges again (about 86,000 for go-basic, ~0.4 s a request)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from uuid import UUID

from protea_domain.ontology.graph import OntologyGraph
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWork
from protea_domain.use_cases.biodata.queries import ontology_graph

DEFAULT_SNAPSHOTS = 4


class GraphCache:
    """The graphs (every relation type) of the `size` snapshots used last."""

    def __init__(self, size: int = DEFAULT_SNAPSHOTS) -> None:
        self._size = size
        self._graphs: OrderedDict[UUID, OntologyGraph] = OrderedDict()
        self._lock = threading.Lock()

    def graph(self, uow: BioDataUnitOfWork, snapshot_id: UUID) -> OntologyGraph:
        """The snapshot's graph, read through `uow` when not cached. Raises `NotFoundError`
        for an unknown snapshot."""
        with self._lock:
            cached = self._graphs.get(snapshot_id)
            if cached is not None:
                self._graphs.move_to_end(snapshot_id)
                return cached
        built = ontology_graph(uow, snapshot_id)
        with self._lock:
            self._graphs[snapshot_id] = built
            self._graphs.move_to_end(snapshot_id)
            while len(self._graphs) > self._size:
                self._graphs.popitem(last=False)
        return built
