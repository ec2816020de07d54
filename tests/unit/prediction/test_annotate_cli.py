"""`protea annotate` and the demo pipeline end to end on the bundled demo data."""

from __future__ import annotations

import argparse
import gzip
import json
from collections.abc import Generator
from pathlib import Path

import pytest
from sqlalchemy import text

from protea_adapters.containers import CliContainer
from protea_adapters.settings import load_settings
from protea_domain.evaluation import evaluate
from protea_domain.evaluation.files import load_ontology
from protea_entrypoints.cli import annotate
from protea_entrypoints.cli.exit_codes import JOB_FAILED
from protea_entrypoints.demo_pipeline import DEMO_DATA, OBO, run_demo
from tests.unit.evaluation.oracle import shared_data


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    annotate.add_parser(parser.add_subparsers())
    return parser.parse_args(argv)


def _args(tmp_path: Path, *extra: str, annotations: Path | None = None) -> argparse.Namespace:
    return _parse([
        "annotate", "--obo", str(DEMO_DATA / OBO),
        "--reference-fasta", str(DEMO_DATA / "reference.fasta"),
        "--reference-annotations", str(annotations or DEMO_DATA / "reference_annotations.tsv"),
        "--queries", str(DEMO_DATA / "queries.fasta"),
        "--output", str(tmp_path / "out" / "predictions.tsv"), "--in-memory", *extra,
    ])  # fmt: skip


def test_writes_cafa_predictions_the_evaluator_reads(tmp_path: Path) -> None:
    provenance = tmp_path / "run.json"
    assert annotate.run(_args(tmp_path, "--k", "3", "--provenance", str(provenance))) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["predictions.tsv"]
    lines = (tmp_path / "out" / "predictions.tsv").read_text().splitlines()
    queries = {line[1:] for line in (DEMO_DATA / "queries.fasta").read_text().splitlines()
               if line.startswith(">")}  # fmt: skip
    assert lines
    for line in lines:
        protein, term, score = line.split("\t")
        assert protein in queries
        assert term.startswith("GO:")
        assert 0 < float(score) <= 1
    truth = [
        tuple(x.split("\t")) for x in (DEMO_DATA / "ground_truth.tsv").read_text().splitlines()
    ]
    info = json.loads(provenance.read_text())
    assert info["ontology_version"] == "releases/2022-07-01"
    assert info["recipe"]["backend"] == "kmer"
    assert len(info["recipe_hash"]) == 64
    assert info["settings"]["k"] == 3
    assert info["evidence_filter"] == "all"
    assert info["queries"] == 50
    result = evaluate(load_ontology(DEMO_DATA / OBO), truth, [("p.tsv", iter(lines))])  # type: ignore[arg-type]
    assert result.table is not None
    assert set(result.table.namespaces) == {
        "biological_process",
        "molecular_function",
        "cellular_component",
    }


def test_gaf_references_and_propagation(tmp_path: Path) -> None:
    rows = (DEMO_DATA / "reference_annotations.tsv").read_text().splitlines()[1:]
    gaf = tmp_path / "refs.gaf"
    gaf.write_text("!gaf-version: 2.2\n" + "".join(
        f"UniProtKB\t{acc}\t{acc}\t{'NOT|enables' if i == 0 else 'enables'}\t{go}\tPMID:1\tIDA"
        f"\t\t{aspect}\t\t\tprotein\ttaxon:9606\t20220101\tUniProt\t\t\n"
        for i, (acc, go, aspect) in enumerate(r.split("\t") for r in rows)))  # fmt: skip
    assert annotate.run(_args(tmp_path, "--propagate", "--evidence", "experimental",
                              annotations=gaf)) == 0  # fmt: skip
    assert (tmp_path / "out" / "predictions.tsv").read_text().count("GO:0008150") > 0  # BP root


@pytest.fixture
def container(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Generator[CliContainer]:
    """The CLI container on a fresh embedded default (SQLite under a temporary home)."""
    for variable in ("PROTEA_DB_URL", "PROTEA_AMQP_URL", "PROTEA_CONFIG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PROTEA_HOME", str(tmp_path / "home"))
    built = CliContainer(settings=load_settings())
    yield built
    built.shutdown_resources()


def test_stored_pipeline_writes_what_the_in_memory_one_writes(
    tmp_path: Path, container: CliContainer, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = (DEMO_DATA / "reference_annotations.tsv").read_text().splitlines()[1:]
    gaf = tmp_path / "refs.gaf"
    gaf.write_text("!gaf-version: 2.2\n" + "".join(
        f"UniProtKB\t{acc}\t{acc}\t{'NOT|enables' if i % 7 == 0 else 'enables'}\t{go}\tPMID:1"
        f"\t{'IDA' if i % 3 else 'IEA'}\t\t{aspect}\t\t\tprotein\ttaxon:9606\t20220101\tUniProt"
        "\t\t\n"
        for i, (acc, go, aspect) in enumerate(r.split("\t") for r in rows)))  # fmt: skip
    cases = [
        ("--k", "3"),
        ("--k", "4", "--score", "vote", "--propagate", "--evidence", "experimental"),
        ("--k", "20", "--score", "vote", "--propagate-references"),
    ]
    for n, (extra, references) in enumerate(zip(cases, (None, gaf, None), strict=True)):
        memory = _args(tmp_path, *extra, annotations=references)
        memory.output = tmp_path / f"memory{n}.tsv"
        assert annotate.run(memory) == 0
        stored = _args(tmp_path, *extra, annotations=references)
        stored.in_memory = False
        stored.output = tmp_path / f"stored{n}.tsv"
        assert annotate.run(stored, container) == 0, capsys.readouterr().err
        expected = memory.output.read_bytes()
        assert len(expected.splitlines()) > 100
        assert stored.output.read_bytes() == expected
    err = capsys.readouterr().err
    assert "predict_go_terms" in err
    assert "prediction set" in err
    with container.session_factory()() as session:
        sets = session.execute(text("SELECT count(*) FROM prediction_sets")).scalar_one()
        annotation_sets = session.execute(text("SELECT count(*) FROM annotation_sets")).scalar_one()
    assert (sets, annotation_sets) == (3, 2)
    plain, voted = (tmp_path / f"memory{n}.tsv" for n in (0, 2))
    assert len(voted.read_text().splitlines()) > len(plain.read_text().splitlines())


def test_stored_pipeline_reports_a_failed_job(
    tmp_path: Path, container: CliContainer, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("accession\tgo_id\nP1\tnot-a-go-id\n")
    args = _args(tmp_path, annotations=bad)
    args.in_memory = False
    assert annotate.run(args, container) == 2
    err = capsys.readouterr().err
    assert "load_annotations" in err
    assert "no annotation loaded" in err
    assert "bad.tsv:2" in err
    missing = _args(tmp_path, annotations=tmp_path / "missing.gaf")
    missing.in_memory = False
    assert annotate.run(missing, container) == 2
    assert "missing.gaf" in capsys.readouterr().err
    not_obo = _args(tmp_path)
    not_obo.obo = DEMO_DATA / "queries.fasta"
    not_obo.in_memory = False
    assert annotate.run(not_obo, container) == JOB_FAILED
    assert "load_ontology_snapshot job" in capsys.readouterr().err
    assert not (tmp_path / "out" / "predictions.tsv").exists()


def test_bad_input_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("accession\tgo_id\nP1\tnot-a-go-id\n")
    assert annotate.run(_args(tmp_path, annotations=bad)) == 2
    assert "go_id" in capsys.readouterr().err


def test_demo_pipeline_table() -> None:
    result = run_demo()
    assert (result.queries, result.references) == (50, 483)
    assert {r.method for r in result.rows} == {"knn_kmer", "naive"}
    assert len(result.rows) == 6
    assert all(0 < r.fmax <= 1 for r in result.rows)
    assert "Fmax" in result.table()


def test_demo_data_is_dev_half_only() -> None:
    """No query may be a HELDOUT human protein: every query is in the DEV FASTA."""
    shared = shared_data() / "swissprot2014"
    with gzip.open(shared / "human_dev.fasta.gz", "rt") as handle:
        dev = {line[1:].strip() for line in handle if line.startswith(">")}
    queries = {line[1:] for line in (DEMO_DATA / "queries.fasta").read_text().splitlines()
               if line.startswith(">")}  # fmt: skip
    assert queries <= dev
