"""The DEV human temporal benchmark from ../shared/data: 2014 (no evidence codes) -> 2022."""

from __future__ import annotations

import gzip
from pathlib import Path

from protea_domain.evaluation_sets.files import read_release, write_evaluation_set
from protea_domain.evaluation_sets.from_obo import term_dag_from_obo
from protea_domain.evaluation_sets.information_accretion import information_accretion
from protea_domain.evaluation_sets.temporal import Category, build_evaluation_set
from protea_domain.ontology.obo_parser import parse_obo


def test_dev_human_benchmark_has_only_lk_and_pk_targets(shared_data: Path, tmp_path: Path) -> None:
    data = shared_data
    obo = data / "go" / "go-basic-2022-07-01.obo.gz"
    with gzip.open(obo, "rt") as handle:
        dag, resolver = term_dag_from_obo(parse_obo(handle, obo.name))
    old, old_report = read_release(
        data / "swissprot2014" / "human_dev_annotations_2014.tsv.gz", resolver
    )
    new, new_report = read_release(data / "human2022" / "dev_annotations.tsv.gz", resolver)
    assert old_report["rows"] == 130_925
    assert new_report == {"rows": 162_904, "alt_id_remapped": 0, "unknown_or_obsolete": 0}
    assert old_report["alt_id_remapped"] + old_report["unknown_or_obsolete"] > 0
    result = build_evaluation_set(old, new, dag, old_evidence=None)
    stats = result.stats()
    assert "NK" not in stats
    assert set(stats) == {"LK", "PK"}
    assert set(stats["PK"]) == {"biological_process", "molecular_function", "cellular_component"}
    assert all(cell["proteins"] > 100 for cell in stats["PK"].values())
    for target in result.of(Category.PK):
        assert target.known
        assert not target.ground_truth & target.known
    paths = write_evaluation_set(result, tmp_path)
    assert {path.name for path in paths} == {
        "ground_truth_LK.tsv",
        "ground_truth_PK.tsv",
        "known_PK.tsv",
    }
    annotated: dict[str, set[str]] = {}
    for fact in new:
        annotated.setdefault(fact.protein, set()).add(fact.go_id)
    ia = information_accretion(annotated, dag)
    assert ia["GO:0008150"] == 0.0
    assert max(ia.values()) > 5
