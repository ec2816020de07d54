"""A load that fails half-way leaves nothing visible: the annotation set is complete or absent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from protea_adapters.clock import ManualClock
from protea_domain.annotations.annotation_set import ProteinAnnotation
from protea_domain.annotations.aspect import Aspect
from protea_domain.annotations.load_report import MALFORMED_LINE, UNKNOWN_PROTEIN
from protea_domain.ontology.terms import GoTerm
from protea_domain.parsing.opener import read_lines
from protea_domain.parsing.skipped import SkippedLine
from protea_domain.sequences.protein import Protein
from protea_domain.sequences.sequence import Sequence
from protea_domain.use_cases.biodata.annotation_rows import parse_annotations
from protea_domain.use_cases.biodata.load_annotations import load_annotations
from tests.contract.biodata.records import EDGES, T0, TERMS, snapshot
from tests.support.biodata import BioUowFactory

DATA_VERSION = "releases/2022-07-01"


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def uow_factory(request: pytest.FixtureRequest) -> BioUowFactory:
    factory: BioUowFactory = request.getfixturevalue(f"biodata_{request.param}_factory")
    return factory


def _gaf_proteins(uow_factory: BioUowFactory, path: Path) -> set[str]:
    """Store the GAF's proteins (accessions from the file, one real sequence for all) and a
    snapshot holding every GO id the GAF names, so that only malformed lines are skipped."""
    rows = [line.split("\t") for line in read_lines(path) if not line.startswith("!")]
    accessions = {row[1] for row in rows if row[1]}
    known = {t.go_id for t in TERMS}
    extra = {row[4]: GoTerm(row[4], None, Aspect(row[8])) for row in rows if row[4] not in known}
    sequence = Sequence("MDDREDLVYQAKLAEQAERYDEMVESMKKVAGMDVELTVEERNLLSVAYKNVIGARRASWRIISSIEQK")
    with uow_factory() as uow:
        uow.ontology.add_snapshot(snapshot(DATA_VERSION), (*TERMS, *extra.values()), EDGES)
        uow.proteins.add_sequences([sequence])
        uow.proteins.add_proteins([(Protein(a, a), sequence.md5) for a in sorted(accessions)])
        uow.commit()
    return accessions


def _failing(
    rows: Iterator[ProteinAnnotation | SkippedLine], after: int
) -> Iterator[ProteinAnnotation | SkippedLine]:
    for number, row in enumerate(rows):
        if number == after:
            raise OSError("disk went away")
        yield row


def test_failure_mid_load_discards_every_chunk(
    uow_factory: BioUowFactory, shared_data: Path
) -> None:
    path = shared_data / "formats" / "gaf" / "goa_human_illegal.gaf"
    _gaf_proteins(uow_factory, path)
    rows = _failing(parse_annotations(read_lines(path), path.name, "gaf"), after=40)
    with pytest.raises(OSError, match="disk went away"):
        load_annotations(
            uow_factory,
            ManualClock(T0),
            rows,
            source="goa",
            version="2018-04",
            data_version=DATA_VERSION,
            chunk_size=5,
        )
    with uow_factory() as uow:
        assert uow.annotations.sets() == []
        snap = uow.ontology.find_snapshot(DATA_VERSION)
        assert snap is not None
        assert uow.annotations.find_set("goa", "2018-04", snap.id) is None


def test_a_crashed_loader_leaves_only_an_invisible_set(
    uow_factory: BioUowFactory, shared_data: Path
) -> None:
    """A process killed mid-load never runs its clean-up: its rows stay invisible, and a new
    load of the same release starts a fresh set."""
    path = shared_data / "formats" / "gaf" / "goa_human_illegal.gaf"
    _gaf_proteins(uow_factory, path)

    class Killed(BaseException):
        pass

    def die(current: int, total: int | None) -> None:
        if current > 0:
            raise Killed

    with pytest.raises(Killed):
        load_annotations(
            uow_factory,
            ManualClock(T0),
            parse_annotations(read_lines(path), path.name, "gaf"),
            source="goa",
            version="2018-04",
            data_version=DATA_VERSION,
            chunk_size=5,
            progress=die,
        )
    with uow_factory() as uow:
        assert uow.annotations.sets() == []
    load = load_annotations(
        uow_factory,
        ManualClock(T0),
        parse_annotations(read_lines(path), path.name, "gaf"),
        source="goa",
        version="2018-04",
        data_version=DATA_VERSION,
    )
    assert load.created


def test_gaf_load_reports_malformed_lines_and_keeps_fields_verbatim(
    uow_factory: BioUowFactory, shared_data: Path
) -> None:
    path = shared_data / "formats" / "gaf" / "goa_human_illegal.gaf"
    _gaf_proteins(uow_factory, path)
    load = load_annotations(
        uow_factory,
        ManualClock(T0),
        parse_annotations(read_lines(path), path.name, "gaf"),
        source="goa",
        version="2018-04",
        data_version=DATA_VERSION,
    )
    report = load.report
    assert report.skipped[MALFORMED_LINE] == 2
    assert {s.split(":")[0] + ":" + s.split(":")[1] for s in report.samples[MALFORMED_LINE]} == {
        "goa_human_illegal.gaf:60",
        "goa_human_illegal.gaf:79",
    }
    assert (report.skipped_total, report.loaded) == (2, 66)
    assert UNKNOWN_PROTEIN not in report.skipped
    with uow_factory() as uow:
        stored = uow.annotations.annotations_of(load.annotation_set.id, "A0A024R161")
    raw = [
        line.rstrip("\n").split("\t")
        for line in read_lines(path)
        if line.startswith("UniProtKB\tA0A024R161\t")
    ]
    assert len(stored) == len(raw) > 0
    for annotation, columns in zip(stored, raw, strict=True):
        assert (
            annotation.db,
            annotation.accession,
            annotation.db_object_symbol,
            annotation.go_id,
            annotation.db_reference,
            annotation.evidence_code,
            annotation.with_from,
            annotation.aspect,
            annotation.taxon,
            annotation.date,
            annotation.assigned_by,
        ) == (
            columns[0],
            columns[1],
            columns[2],
            columns[4],
            columns[5],
            columns[6],
            columns[7],
            columns[8],
            columns[12],
            columns[13],
            columns[14],
        )


def test_quickgo_download_loads_with_the_same_fields(
    uow_factory: BioUowFactory, shared_data: Path, tmp_path: Path
) -> None:
    """The GAF's well-formed lines rewritten as a QuickGO TSV download load the same rows."""
    path = shared_data / "formats" / "gaf" / "goa_human_illegal.gaf"
    _gaf_proteins(uow_factory, path)
    header = (
        "GENE PRODUCT DB\tGENE PRODUCT ID\tSYMBOL\tQUALIFIER\tGO TERM\tGO ASPECT\t"
        "GO EVIDENCE CODE\tREFERENCE\tWITH/FROM\tTAXON ID\tASSIGNED BY\tDATE\n"
    )
    rows = [line.rstrip("\n").split("\t") for line in read_lines(path) if not line.startswith("!")]
    good = [c for c in rows if c[1] and c[12].removeprefix("taxon:").isdigit()]
    quickgo = tmp_path / "QuickGO-annotations.tsv"
    quickgo.write_text(
        header
        + "".join(
            "\t".join(
                [
                    c[0],
                    f"{c[0]}:{c[1]}",
                    c[2],
                    c[3],
                    c[4],
                    c[8],
                    c[6],
                    c[5],
                    c[7],
                    c[12].removeprefix("taxon:"),
                    c[14],
                    c[13],
                ]
            )
            + "\n"
            for c in good
        )
    )
    load = load_annotations(
        uow_factory,
        ManualClock(T0),
        parse_annotations(read_lines(quickgo), quickgo.name, "quickgo"),
        source="quickgo",
        version="2018-04",
        data_version=DATA_VERSION,
    )
    assert (load.report.loaded, load.report.skipped_total) == (len(good), 0)
    with uow_factory() as uow:
        stored = uow.annotations.annotations_of(load.annotation_set.id, good[0][1])
    first = stored[0]
    assert (
        first.accession,
        first.go_id,
        first.evidence_code,
        first.db_reference,
        first.taxon,
        first.assigned_by,
    ) == (good[0][1], good[0][4], good[0][6], good[0][5], good[0][12], good[0][14])
