"""`protea evaluate` subcommand: cafaeval's argument forms, output files, exit codes."""

from __future__ import annotations

import argparse
from pathlib import Path

from protea_entrypoints.cli.evaluate import add_parser, main, run
from tests.unit.evaluation.oracle import shared_data

IDPO = shared_data() / "cafa-example" / "idpo"
PK = shared_data() / "cafa-example" / "pk"


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="protea")
    add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_subcommand_writes_cafaeval_files(tmp_path: Path) -> None:
    args = _parse(
        [
            "evaluate",
            str(IDPO / "IDPO_disorder_function.obo"),
            str(IDPO / "predictions"),
            str(IDPO / "ground_truth.tsv"),
            "-out_dir",
            str(tmp_path),
            "-threads",
            "2",
        ]
    )
    assert args.handler is run
    assert args.handler(args, None) == 0
    for name in ("evaluation_all.tsv", "evaluation_best_f.tsv"):
        expected = (IDPO / "expected_cafaeval_1.3.0" / name).read_bytes()
        assert (tmp_path / name).read_bytes() == expected
    assert (tmp_path / "evaluation_best_s.tsv").exists()


def test_all_options_parse() -> None:
    args = _parse(
        [
            "evaluate",
            "o.obo",
            "preds",
            "gt.tsv",
            "-ia",
            "ia.tsv",
            "-known",
            "k.tsv",
            "-toi",
            "t.tsv",
            "-prop",
            "fill",
            "-norm",
            "gt",
            "-th_step",
            "0.05",
            "-no_orphans",
            "-max_terms",
            "7",
            "-denominator",
            "all",
            "-weighted_denominator",
            "annotated",
            "-empty_targets",
            "drop",
        ]
    )
    assert (args.prop, args.norm, args.th_step, args.no_orphans, args.max_terms) == (
        "fill",
        "gt",
        0.05,
        True,
        7,
    )
    assert (args.denominator, args.weighted_denominator, args.empty_targets) == (
        "all",
        "annotated",
        "drop",
    )


def test_pk_run(tmp_path: Path) -> None:
    code = main(
        [
            str(PK / "go-sample.obo"),
            str(PK / "predictions"),
            str(PK / "ground_truth_partial.tsv"),
            "-known",
            str(PK / "known_t0.tsv"),
            "-toi",
            str(PK / "toi.tsv"),
            "-out_dir",
            str(tmp_path),
        ]
    )
    assert code == 0
    lines = (tmp_path / "evaluation_best_f.tsv").read_text().splitlines()
    assert [line.split("\t")[12] for line in lines[1:]] == ["1.000", "1.000"]


def test_bad_input_exit_code(tmp_path: Path) -> None:
    bad = tmp_path / "bad.obo"
    bad.write_text("[Term]\nid: A\nis_obsolete: maybe\n")
    code = main(
        [
            str(bad),
            str(IDPO / "predictions"),
            str(IDPO / "ground_truth.tsv"),
            "-out_dir",
            str(tmp_path / "out"),
        ]
    )
    assert code == 2
    assert not (tmp_path / "out").exists()


def test_nothing_to_evaluate_exit_code(tmp_path: Path) -> None:
    preds = tmp_path / "preds"
    preds.mkdir()
    (preds / "p.tsv").write_text("nobody IDPO:00501 0.5\n")
    code = main(
        [
            str(IDPO / "IDPO_disorder_function.obo"),
            str(preds),
            str(IDPO / "ground_truth.tsv"),
            "-out_dir",
            str(tmp_path / "out"),
        ]
    )
    assert code == 1
