"""`protea evaluation-set build` and `protea ia` on a tiny ontology."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from protea_entrypoints.cli.main import main

OBO = """format-version: 1.2
data-version: test

[Term]
id: GO:0000001
name: root
namespace: biological_process

[Term]
id: GO:0000002
name: a
namespace: biological_process
alt_id: GO:0000009
is_a: GO:0000001 ! root

[Term]
id: GO:0000003
name: b
namespace: biological_process
relationship: part_of GO:0000002 ! a

[Term]
id: GO:0000004
name: gone
namespace: biological_process
is_obsolete: true
"""


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PROTEA_HOME", str(tmp_path / "home"))
    (tmp_path / "go.obo").write_text(OBO)
    (tmp_path / "old.tsv").write_text(
        "accession\tgo_id\tevidence_code\nP1\tGO:0000009\tIDA\nP2\tGO:0000004\tIDA\n"
    )
    (tmp_path / "new.tsv").write_text(
        "accession\tgo_id\tevidence_code\nP1\tGO:0000003\tIMP\nP2\tGO:0000002\tIEA\n"
        "P3\tGO:0000003\tTAS\n"
    )
    return tmp_path


def test_build_writes_cafaeval_files_and_stats(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = files / "set"
    code = main(
        ["evaluation-set", "build", "--obo", str(files / "go.obo"), "--old",
         str(files / "old.tsv"), "--new", str(files / "new.tsv"), "--out-dir", str(out)]
    )  # fmt: skip
    assert code == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0]) == {
        "PK": {"biological_process": {"proteins": 1, "terms": 1}},
        "NK": {"biological_process": {"proteins": 1, "terms": 3}},
    }
    assert (out / "ground_truth_PK.tsv").read_text() == "P1\tGO:0000003\n"
    assert (out / "known_PK.tsv").read_text() == "P1\tGO:0000001\nP1\tGO:0000002\n"
    assert (out / "ground_truth_NK.tsv").read_text().splitlines() == [
        "P3\tGO:0000001", "P3\tGO:0000002", "P3\tGO:0000003"
    ]  # fmt: skip
    stats = json.loads((out / "stats.json").read_text())
    assert stats["old"] == {"rows": 2, "alt_id_remapped": 1, "unknown_or_obsolete": 1}


def test_ia_file(files: Path) -> None:
    out = files / "ia.tsv"
    code = main(
        ["ia", "--obo", str(files / "go.obo"), "--annotations", str(files / "new.tsv"),
         "--out", str(out)]
    )  # fmt: skip
    assert code == 0
    ia = dict(line.split("\t") for line in out.read_text().splitlines())
    assert ia == {"GO:0000001": "0.0", "GO:0000002": "0.0", "GO:0000003": "0.0"}


def test_a_malformed_release_names_file_and_line(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (files / "bad.tsv").write_text("accession\tgo_id\nP1\tGO:12\n")
    code = main(
        ["ia", "--obo", str(files / "go.obo"), "--annotations", str(files / "bad.tsv"),
         "--out", str(files / "x")]
    )  # fmt: skip
    assert code == 2
    assert "bad.tsv:2: go_id" in capsys.readouterr().err
