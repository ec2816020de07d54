"""Proteins, sequences, query sets, ontology snapshots, terms, annotation sets and a protein's
annotations through HTTP, on real data (the demo's GO slice, reference proteins and their
annotations) loaded with the use cases."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from protea_adapters.containers import CoreContainer
from protea_domain.ontology.terms import TermRelationship
from protea_domain.parsing.opener import read_lines
from protea_domain.sequences.fasta import parse_fasta
from protea_domain.sequences.sequence import residues_md5
from protea_domain.use_cases.biodata.annotation_rows import parse_annotations
from protea_domain.use_cases.biodata.insert_proteins import insert_proteins
from protea_domain.use_cases.biodata.load_annotations import load_annotations
from protea_domain.use_cases.biodata.load_ontology import load_ontology_snapshot
from protea_entrypoints.api.graph_cache import GraphCache
from protea_entrypoints.api.resources import annotation_sets, ontology, proteins, query_sets
from tests.unit.api.fuzzing import fuzz_operation

DEMO = Path(__file__).parents[3] / "src" / "protea_entrypoints" / "demo_data"
GO_SLICE = DEMO / "go-basic-2022-07-01-slice.obo.gz"
REFERENCE = DEMO / "reference.fasta"
ANNOTATIONS = DEMO / "reference_annotations.tsv"
DATA_VERSION = "releases/2022-07-01"

UNIPROT_FASTA = """\
>sp|Q9XYZ1|ABC1_HUMAN Alpha protein OS=Homo sapiens OX=9606 GN=ABC1 PE=1 SV=2
MKTAYIAKQRQISFVKSHFSRQ
>sp|Q9XYZ1-2|ABC1_HUMAN Isoform 2 of Alpha protein OS=Homo sapiens OX=9606 GN=ABC1
MKTAYIAKQRQ
>sp|Q9XYZ2|ABC2_HUMAN Beta protein OS=Homo sapiens OX=9606 GN=ABC2 PE=2 SV=1
MSTNPKPQRKTKRNTNRRPQ
>tr|Q9XYZ3|Q9XYZ3_HUMAN Gamma protein OS=Homo sapiens OX=9606 PE=4 SV=1
MPEPAKSAPAPKKGSKKAVT
>sp|P9XYZ4|DEF1_MOUSE Delta protein OS=Mus musculus OX=10090 GN=Def1 PE=1 SV=1
MAAAAAGGGG
"""
# Two rows on a stored protein (one NOT-qualified), one on an unknown protein, one on an
# unknown term: a report with skips.
SMALL_GAF = """\
!gaf-version: 2.2
UniProtKB\tQ9XYZ2\tABC2\tenables\tGO:0003824\tPMID:1\tIDA\t\tF\tBeta\t\tprotein\ttaxon:9606\t20220101\tUniProt\t\t
UniProtKB\tQ9XYZ2\tABC2\tNOT|located_in\tGO:0005737\tPMID:2\tIDA\t\tC\tBeta\t\tprotein\ttaxon:9606\t20220101\tUniProt\t\t
UniProtKB\tNOPE01\tX\tenables\tGO:0003824\tPMID:3\tIDA\t\tF\tX\t\tprotein\ttaxon:9606\t20220101\tUniProt\t\t
UniProtKB\tQ9XYZ2\tABC2\tenables\tGO:9999999\tPMID:4\tIDA\t\tF\tBeta\t\tprotein\ttaxon:9606\t20220101\tUniProt\t\t
"""
FASTA = ">q1 first query\nMKTAYIAKQR\nQISFVK\n>q2\nMSTNPKPQRK\n"


@dataclass(frozen=True)
class Loaded:
    snapshot_id: UUID
    reference_set_id: UUID
    gaf_set_id: UUID


def _ontology(container: CoreContainer) -> UUID:
    uow_factory = container.biodata_unit_of_work
    return load_ontology_snapshot(uow_factory, container.clock(), GO_SLICE).snapshot.id


def _annotations(container: CoreContainer, path: Path, fmt: str, source: str) -> UUID:
    rows = parse_annotations(read_lines(path), path.name, fmt)
    load = load_annotations(
        container.biodata_unit_of_work,
        container.clock(),
        rows,
        source=source,
        version="1",
        data_version=DATA_VERSION,
    )
    return load.annotation_set.id


@pytest.fixture
def loaded(container: CoreContainer, tmp_path: Path) -> Loaded:
    """The GO slice, the demo's reference proteins and their annotations, a few UniProt
    proteins (two taxa, one with an isoform) and a small GAF set with skipped lines."""
    uow_factory = container.biodata_unit_of_work
    snapshot_id = _ontology(container)
    insert_proteins(uow_factory, parse_fasta(read_lines(REFERENCE), REFERENCE.name))
    uniprot = tmp_path / "uniprot.fasta"
    uniprot.write_text(UNIPROT_FASTA)
    insert_proteins(uow_factory, parse_fasta(read_lines(uniprot), uniprot.name))
    reference_set = _annotations(container, ANNOTATIONS, "tsv", "reference")
    gaf = tmp_path / "small.gaf"
    gaf.write_text(SMALL_GAF)
    gaf_set = _annotations(container, gaf, "gaf", "small-gaf")
    return Loaded(snapshot_id, reference_set, gaf_set)


def assert_problem(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    if code is not None:
        assert body["code"] == code
    return body


class TestProteins:
    def test_one_protein_with_its_sequence(self, client: TestClient, loaded: Loaded) -> None:
        got = client.get("/v1/proteins/Q9XYZ1")
        assert got.status_code == 200
        protein = got.json()
        assert protein["canonical_accession"] == "Q9XYZ1"
        assert (protein["taxon_id"], protein["gene_name"], protein["reviewed"]) == (
            9606,
            "ABC1",
            True,
        )
        assert protein["sequence_md5"] == residues_md5("MKTAYIAKQRQISFVKSHFSRQ")
        assert protein["length"] == 22
        sequence = client.get("/v1/proteins/Q9XYZ1/sequence").json()
        assert sequence["residues"] == "MKTAYIAKQRQISFVKSHFSRQ"
        by_md5 = client.get(f"/v1/sequences/{protein['sequence_md5']}").json()
        assert by_md5 == sequence

    def test_a_reference_protein_from_plain_fasta(self, client: TestClient, loaded: Loaded) -> None:
        protein = client.get("/v1/proteins/A0AIN8").json()
        residues = client.get("/v1/proteins/A0AIN8/sequence").json()["residues"]
        assert residues.startswith("MDLGKVITAMVTPIHPEKDK")
        assert protein["sequence_md5"] == residues_md5(residues)
        assert protein["taxon_id"] is None

    def test_missing_protein_and_sequence_are_404_problems(
        self, client: TestClient, loaded: Loaded
    ) -> None:
        assert_problem(client.get("/v1/proteins/NOPE01"), 404)
        assert_problem(client.get("/v1/proteins/NOPE01/sequence"), 404)
        assert_problem(client.get(f"/v1/sequences/{'0' * 32}"), 404)
        bad = assert_problem(client.get("/v1/sequences/not-an-md5"), 422, "invalid_request")
        assert bad["errors"][0]["loc"] == ["path", "md5"]

    def test_a_canonical_accession_lists_its_isoforms(
        self, client: TestClient, loaded: Loaded
    ) -> None:
        page = client.get("/v1/proteins", params={"canonical": "Q9XYZ1"}).json()
        assert [p["accession"] for p in page["items"]] == ["Q9XYZ1", "Q9XYZ1-2"]
        assert [p["isoform"] for p in page["items"]] == [None, 2]
        assert page["next"] is None
        empty = client.get("/v1/proteins", params={"canonical": "NOPE01"}).json()
        assert empty == {"items": [], "next": None}

    def test_an_organism_pages_by_accession(self, client: TestClient, loaded: Loaded) -> None:
        seen: list[str] = []
        url: str | None = "/v1/proteins?taxon_id=9606&limit=2"
        pages = 0
        while url is not None:
            page = client.get(url).json()
            assert len(page["items"]) <= 2
            seen += [p["accession"] for p in page["items"]]
            url = page["next"]
            pages += 1
        assert seen == ["Q9XYZ1", "Q9XYZ1-2", "Q9XYZ2", "Q9XYZ3"]
        assert pages == 2
        mouse = client.get("/v1/proteins", params={"taxon_id": 10090}).json()
        assert [p["accession"] for p in mouse["items"]] == ["P9XYZ4"]
        after = client.get("/v1/proteins", params={"taxon_id": 9606, "after": "Q9XYZ2"}).json()
        assert [p["accession"] for p in after["items"]] == ["Q9XYZ3"]

    @pytest.mark.parametrize(
        "params",
        [
            {},
            {"canonical": "Q9XYZ1", "taxon_id": "9606"},
            {"taxon_id": "human"},
            {"taxon_id": "9606", "limit": "0"},
            {"taxon_id": "9606", "page": "2"},
        ],
    )
    def test_a_listing_needs_exactly_one_valid_filter(
        self, client: TestClient, params: dict[str, str]
    ) -> None:
        assert_problem(client.get("/v1/proteins", params=params), 422, "invalid_request")


class TestQuerySets:
    def test_create_list_and_read_with_entries(
        self, client: TestClient, auth: dict[str, str]
    ) -> None:
        made = client.post("/v1/query-sets", json={"name": "q-a", "fasta": FASTA}, headers=auth)
        assert made.status_code == 201, made.text
        created = made.json()
        assert created["entry_count"] == 2
        detail = client.get(made.headers["location"]).json()
        assert detail["id"] == created["id"]
        assert [(e["position"], e["identifier"]) for e in detail["entries"]] == [
            (0, "q1"),
            (1, "q2"),
        ]
        assert detail["entries"][0]["sequence_md5"] == residues_md5("MKTAYIAKQRQISFVK")
        sequence = client.get(f"/v1/sequences/{detail['entries'][1]['sequence_md5']}").json()
        assert sequence["residues"] == "MSTNPKPQRK"

    def test_list_pages_by_name(self, client: TestClient, auth: dict[str, str]) -> None:
        for name in ("c", "a", "b"):
            made = client.post("/v1/query-sets", json={"name": name, "fasta": FASTA}, headers=auth)
            assert made.status_code == 201
        first = client.get("/v1/query-sets", params={"limit": 2}).json()
        assert [q["name"] for q in first["items"]] == ["a", "b"]
        second = client.get(first["next"]).json()
        assert [q["name"] for q in second["items"]] == ["c"]
        assert second["next"] is None

    def test_writes_need_a_key(self, client: TestClient) -> None:
        refused = client.post("/v1/query-sets", json={"name": "x", "fasta": FASTA})
        assert_problem(refused, 401)
        assert client.get("/v1/query-sets").json()["items"] == []

    def test_bad_fasta_is_422_and_writes_nothing(
        self, client: TestClient, auth: dict[str, str]
    ) -> None:
        bad = ">q1\nMKT\n>q2\nMK7Z!\n"
        body = assert_problem(
            client.post("/v1/query-sets", json={"name": "x", "fasta": bad}, headers=auth), 422
        )
        assert "upload.fasta:4" in body["detail"]
        empty = client.post("/v1/query-sets", json={"name": "x", "fasta": "\n"}, headers=auth)
        assert_problem(empty, 422)
        missing = client.post("/v1/query-sets", json={"name": "x"}, headers=auth)
        assert assert_problem(missing, 422, "invalid_request")["errors"][0]["loc"] == [
            "body",
            "fasta",
        ]
        assert client.get("/v1/query-sets").json()["items"] == []

    def test_names_are_unique_and_uploads_bounded(
        self, client: TestClient, auth: dict[str, str]
    ) -> None:
        first = client.post("/v1/query-sets", json={"name": "q", "fasta": FASTA}, headers=auth)
        assert first.status_code == 201
        again = client.post("/v1/query-sets", json={"name": "q", "fasta": FASTA}, headers=auth)
        assert_problem(again, 409)
        huge = ">big\n" + "M" * 5000 + "\n"  # over the fixture's 4096-byte body limit
        too_large = client.post("/v1/query-sets", json={"name": "big", "fasta": huge}, headers=auth)
        assert_problem(too_large, 413, "payload_too_large")

    def test_missing_query_set(self, client: TestClient) -> None:
        assert_problem(client.get(f"/v1/query-sets/{uuid4()}"), 404)
        assert_problem(client.get("/v1/query-sets/not-a-uuid"), 422, "invalid_request")


class TestOntology:
    def test_snapshots_list_and_detail(self, client: TestClient, loaded: Loaded) -> None:
        items = client.get("/v1/ontology-snapshots").json()["items"]
        assert [s["data_version"] for s in items] == [DATA_VERSION]
        snapshot = client.get(f"/v1/ontology-snapshots/{loaded.snapshot_id}").json()
        assert snapshot == items[0]
        assert (snapshot["term_count"], snapshot["format_version"]) == (4465, "1.2")
        assert_problem(client.get(f"/v1/ontology-snapshots/{uuid4()}"), 404)

    def test_a_term_with_its_parents(self, client: TestClient, loaded: Loaded) -> None:
        term = client.get(f"/v1/ontology-snapshots/{loaded.snapshot_id}/terms/GO:0003824").json()
        assert (term["name"], term["aspect"], term["is_obsolete"]) == (
            "catalytic activity",
            "F",
            False,
        )
        assert term["definition"].startswith("Catalysis of a biochemical reaction")
        assert term["parents"] == [
            {"child": "GO:0003824", "parent": "GO:0003674", "relation": "is_a"}
        ]
        alt = client.get(f"/v1/ontology-snapshots/{loaded.snapshot_id}/terms/GO:0003843").json()
        assert alt["alt_ids"] == ["GO:0009981"]

    def test_ancestors_and_descendants(self, client: TestClient, loaded: Loaded) -> None:
        base = f"/v1/ontology-snapshots/{loaded.snapshot_id}/terms"
        up = client.get(f"{base}/GO:0003824/ancestors").json()
        assert [t["go_id"] for t in up["items"]] == ["GO:0003674"]
        assert up["relations"] is None
        down = client.get(f"{base}/GO:0003674/descendants", params={"relation": "is_a"}).json()
        below = {t["go_id"] for t in down["items"]}
        assert {"GO:0003824", "GO:0003843"} <= below
        assert "GO:0003674" not in below
        assert down["relations"] == ["is_a"]
        root = client.get(f"{base}/GO:0003674/ancestors").json()
        assert root["items"] == []

    def test_ancestor_subgraph_of_a_set_of_terms(self, client: TestClient, loaded: Loaded) -> None:
        url = f"/v1/ontology-snapshots/{loaded.snapshot_id}/subgraph"
        graph = client.get(
            url, params=[("go_id", "GO:0003824"), ("go_id", "GO:0005737"), ("relation", "is_a")]
        ).json()
        nodes = [n["go_id"] for n in graph["nodes"]]
        assert nodes[:2] == ["GO:0003824", "GO:0005737"]
        assert {"GO:0003674", "GO:0005575"} <= set(nodes)
        assert len(nodes) == len(set(nodes))
        edges = {(e["child"], e["parent"], e["relation"]) for e in graph["edges"]}
        assert ("GO:0003824", "GO:0003674", "is_a") in edges
        assert {e[2] for e in edges} == {"is_a"}
        assert {e[0] for e in edges} | {e[1] for e in edges} <= set(nodes)
        every = client.get(url, params=[("go_id", "GO:0005737")]).json()
        assert {e["relation"] for e in every["edges"]} > {"is_a"}

    def test_unknown_terms_and_bad_ids(self, client: TestClient, loaded: Loaded) -> None:
        base = f"/v1/ontology-snapshots/{loaded.snapshot_id}"
        missing = assert_problem(client.get(f"{base}/terms/GO:9999999"), 404)
        assert "GO:9999999" in missing["detail"]
        assert_problem(client.get(f"{base}/terms/GO:9999999/ancestors"), 404)
        assert_problem(client.get(f"{base}/subgraph", params={"go_id": "GO:9999999"}), 404)
        assert_problem(client.get(f"/v1/ontology-snapshots/{uuid4()}/terms/GO:0003824"), 404)
        bad = assert_problem(client.get(f"{base}/terms/not-a-term"), 422, "invalid_request")
        assert bad["errors"][0]["loc"] == ["path", "go_id"]
        assert_problem(client.get(f"{base}/subgraph"), 422, "invalid_request")
        odd = client.get(f"{base}/subgraph", params=[("go_id", "GO:0003824"), ("relation", "")])
        assert_problem(odd, 422, "invalid_request")


class CountingOntology:
    def __init__(self) -> None:
        self.reads: list[UUID] = []

    def relationships(self, snapshot_id: UUID, relations: Any = None) -> list[TermRelationship]:
        self.reads.append(snapshot_id)
        return [TermRelationship("GO:2", str(snapshot_id), "is_a")]


def test_graphs_are_read_once_per_snapshot_and_the_least_used_evicted() -> None:
    ontology = CountingOntology()
    uow: Any = type("Uow", (), {"ontology": ontology})()
    cache = GraphCache(size=2)
    a, b, c = uuid4(), uuid4(), uuid4()
    assert cache.graph(uow, a).ancestors("GO:2") == {str(a)}
    cache.graph(uow, b)
    cache.graph(uow, a)  # a is now the most recently used
    cache.graph(uow, c)  # evicts b
    cache.graph(uow, a)
    cache.graph(uow, b)
    assert ontology.reads == [a, b, c, b]


class TestAnnotations:
    def test_sets_list_and_detail_with_report(self, client: TestClient, loaded: Loaded) -> None:
        items = client.get("/v1/annotation-sets").json()["items"]
        assert [(s["source"], s["id"]) for s in items] == [
            ("reference", str(loaded.reference_set_id)),
            ("small-gaf", str(loaded.gaf_set_id)),
        ]
        assert items[0]["annotation_count"] == 5205
        assert "report" not in items[0]
        gaf = client.get(f"/v1/annotation-sets/{loaded.gaf_set_id}").json()
        assert gaf["annotation_count"] == 2
        assert gaf["snapshot_id"] == str(loaded.snapshot_id)
        assert gaf["report"].get("unknown_protein") == 1
        assert gaf["report"].get("unknown_term") == 1
        assert_problem(client.get(f"/v1/annotation-sets/{uuid4()}"), 404)
        assert_problem(client.get("/v1/annotation-sets/42"), 422, "invalid_request")

    def test_a_proteins_annotations_per_set(self, client: TestClient, loaded: Loaded) -> None:
        found = client.get("/v1/proteins/A0AIN8/annotations").json()
        assert found["accession"] == "A0AIN8"
        [per_set] = found["items"]
        assert per_set["annotation_set"]["id"] == str(loaded.reference_set_id)
        terms = [row["go_id"] for row in per_set["annotations"]]
        assert terms[:2] == ["GO:0003824", "GO:0005737"]
        assert len(terms) == 10
        assert per_set["propagated_terms"] is None

    def test_propagation_adds_ancestors_but_not_negations(
        self, client: TestClient, loaded: Loaded
    ) -> None:
        url = "/v1/proteins/Q9XYZ2/annotations"
        plain = client.get(url, params={"annotation_set_id": str(loaded.gaf_set_id)}).json()
        [per_set] = plain["items"]
        rows = {
            (row["go_id"], row["qualifier"], row["evidence_code"]) for row in per_set["annotations"]
        }
        assert rows == {("GO:0003824", "enables", "IDA"), ("GO:0005737", "NOT|located_in", "IDA")}
        propagated = client.get(
            url, params={"annotation_set_id": str(loaded.gaf_set_id), "propagate": "true"}
        ).json()
        assert propagated["items"][0]["propagated_terms"] == ["GO:0003674", "GO:0003824"]

    def test_an_unannotated_protein_and_missing_things(
        self, client: TestClient, loaded: Loaded
    ) -> None:
        assert client.get("/v1/proteins/P9XYZ4/annotations").json()["items"] == []
        named = client.get(
            "/v1/proteins/P9XYZ4/annotations",
            params={"annotation_set_id": str(loaded.gaf_set_id)},
        ).json()
        assert named["items"][0]["annotations"] == []
        assert_problem(client.get("/v1/proteins/NOPE01/annotations"), 404)
        unknown_set = client.get(
            "/v1/proteins/P9XYZ4/annotations", params={"annotation_set_id": str(uuid4())}
        )
        assert_problem(unknown_set, 404)
        bad = client.get("/v1/proteins/P9XYZ4/annotations", params={"propagate": "maybe"})
        assert_problem(bad, 422, "invalid_request")


BIODATA_READS = sorted(
    f"{route.method} {route.template}"
    for module in (proteins, query_sets, ontology, annotation_sets)
    for route in module.ROUTES
    if route.method == "GET"
)


@pytest.mark.parametrize("label", BIODATA_READS)
def test_reads_on_loaded_data_never_answer_500(app: Starlette, loaded: Loaded, label: str) -> None:
    """The generic fuzz runs on empty storage; this one with the data loaded."""
    fuzz_operation(app, label, path_values={"snapshot_id": str(loaded.snapshot_id)})
