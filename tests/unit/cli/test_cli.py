"""The `protea` command in-process on the embedded default."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from uuid import UUID

import pytest

from protea_adapters.containers import CliContainer
from protea_adapters.settings import load_settings
from protea_domain.use_cases.prediction_export import cafa_stream
from protea_entrypoints.cli.main import main
from protea_entrypoints.demo_pipeline import run_demo


@pytest.fixture(autouse=True)
def embedded_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for variable in ("PROTEA_DB_URL", "PROTEA_AMQP_URL", "PROTEA_CONFIG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PROTEA_HOME", str(tmp_path))
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_submit_waits_and_shows_the_job(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "jobs", "submit", "ping", "--payload", '{"sleep_seconds": 0.05}')
    assert code == 0
    job_id = out.strip()
    code, out, _ = _run(capsys, "jobs", "show", job_id, "--json")
    shown = json.loads(out)
    assert (code, shown["status"], shown["progress"]) == (
        0,
        "succeeded",
        {"current": 10, "total": 10},
    )
    assert [event["kind"] for event in shown["events"]] == ["created", "status", "status"]
    code, out, _ = _run(capsys, "jobs", "show", job_id)
    assert "timeline:" in out
    assert "succeeded" in out


def test_a_failed_job_exits_non_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "jobs", "submit", "ping", "--payload", '{"fail": true}')
    assert code == 1
    assert "ping was asked to fail" in err


def test_no_wait_leaves_the_job_queued_and_cancel_works(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(capsys, "jobs", "submit", "ping", "--no-wait")
    job_id = out.strip()
    assert code == 0
    code, out, _ = _run(capsys, "jobs", "list", "--status", "queued", "--json")
    assert [job["id"] for job in json.loads(out)["items"]] == [job_id]
    assert _run(capsys, "jobs", "cancel", job_id)[0] == 0
    code, _, err = _run(capsys, "jobs", "cancel", job_id)
    assert code == 4
    assert "cannot move from cancelled to cancelled" in err


def test_list_filters_and_pages(capsys: pytest.CaptureFixture[str]) -> None:
    ids = [_run(capsys, "jobs", "submit", "ping", "--no-wait")[1].strip() for _ in range(3)]
    code, out, _ = _run(capsys, "jobs", "list", "--limit", "2", "--json")
    first = json.loads(out)
    code, out, _ = _run(
        capsys, "jobs", "list", "--limit", "2", "--cursor", first["next_cursor"], "--json"
    )
    second = json.loads(out)
    listed = [job["id"] for job in first["items"] + second["items"]]
    assert listed == list(reversed(ids))
    assert second["next_cursor"] is None
    code, out, _ = _run(capsys, "jobs", "list", "--operation", "other")
    assert code == 0
    assert len(out.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["jobs", "submit", "ping", "--payload", "{bad"], 2, "--payload: invalid JSON"),
        (["jobs", "submit", "ping", "--payload", "[1]"], 2, "--payload: must be a JSON object"),
        (["jobs", "submit", "pong"], 2, "unknown operation 'pong'"),
        (["jobs", "submit", "ping", "--payload", '{"fail": 1}'], 2, "payload.fail"),
        (["jobs", "show", "00000000-0000-0000-0000-000000000000"], 3, "not found"),
        (["jobs", "list", "--cursor", "garbage"], 2, "cursor"),
    ],
)
def test_errors_have_specific_messages_and_exit_codes(
    capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    got, _, err = _run(capsys, *argv)
    assert got == code
    assert message in err


def test_bad_settings_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROTEA_DB_URL", "oracle://x")
    code, _, err = _run(capsys, "jobs", "list")
    assert code == 2
    assert "PROTEA_DB_URL" in err


def test_demo_runs_the_pipeline_as_jobs_and_prints_the_stored_results(
    capsys: pytest.CaptureFixture[str], embedded_home: Path
) -> None:
    code, out, err = _run(capsys, "demo")
    assert code == 0, err
    assert f"sqlite:///{embedded_home / 'protea.db'}" in out
    for operation in ("load_ontology_snapshot", "insert_proteins", "load_annotations",
                      "compute_embeddings", "predict_go_terms", "generate_evaluation_set",
                      "compute_information_accretion", "run_cafa_evaluation"):  # fmt: skip
        assert f"  {operation} " in out
    assert "10 jobs, all succeeded" in out
    table = out[out.index("best F per namespace") :]
    expected = {(r.method, r.namespace): r for r in run_demo().rows}
    for namespace in ("biological_process", "molecular_function", "cellular_component"):
        for method in ("knn_kmer", "naive"):
            line = next(x for x in table.splitlines() if x.startswith(f"{method:<16}{namespace}"))
            fmax, _weighted, _smin, tau, coverage = (float(v) for v in line.split()[2:])
            reference = expected[(method, namespace)]
            assert (fmax, tau, coverage) == (
                round(reference.fmax, 3),
                round(reference.tau, 2),
                round(reference.coverage, 3),
            )
    assert "NK/evaluation_best_f.tsv" in out
    again, second, _ = _run(capsys, "demo")
    assert again == 0
    assert second[second.index("best F") :].split("outputs")[0] == table.split("outputs")[0]

    code, listed, _ = _run(capsys, "predictions", "list")
    assert code == 0
    sets = [line.split()[0] for line in listed.splitlines()]
    assert len(sets) == 2
    assert all(" complete " in line for line in listed.splitlines())
    blend = ["--weight", "vote_score=3", "--weight", "transfer_score=1"]
    blend += ["--evidence-weight", "IEA=0.5", "--description", "vote-heavy"]
    code, created, _ = _run(capsys, "scoring-configs", "create", "blend", *blend)
    assert code == 0
    assert _run(capsys, "scoring-configs", "create", "blend")[0] == 4
    code, _, err = _run(capsys, "scoring-configs", "create", "x", "--weight", "nope=1")
    assert (code, "unknown signals" in err) == (2, True)
    code, _, err = _run(capsys, "scoring-configs", "create", "x", "--weight", "vote_score")
    assert (code, "--weight" in err) == (2, True)
    code, configs, _ = _run(capsys, "scoring-configs", "list", "--json")
    (config,) = json.loads(configs)
    assert (config["id"], config["name"], config["description"]) == (
        created.strip(),
        "blend",
        "vote-heavy",
    )
    assert config["weights"] == [["vote_score", 3.0], ["transfer_score", 1.0]]
    code, plain, _ = _run(capsys, "predictions", "export", sets[1])
    code, rescored, _ = _run(capsys, "predictions", "export", sets[1], "--scoring-config", "blend")
    assert code == 0
    settings = load_settings()
    with CliContainer(settings=settings).embedding_unit_of_work() as uow:
        rows = uow.predictions.predictions(UUID(sets[1]))
        stored = uow.scoring.find("blend")
    assert stored is not None
    assert rescored == "".join(cafa_stream(rows, stored.config)) != plain
    assert plain == "".join(cafa_stream(rows))
    assert _run(capsys, "predictions", "export", sets[1], "--scoring-config", "x")[0] == 2


def test_db_upgrade(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "db", "upgrade")
    assert code == 0
    assert "upgraded to head" in out


def test_the_cli_starts_without_the_optional_extras() -> None:
    """README's first command installs only the core dependencies: the CLI must import with
    the api, queue, observability and S3 packages absent."""
    blocked = ("starlette", "uvicorn", "pika", "opentelemetry", "prometheus_client", "minio")
    code = (
        "import sys\n"
        + "".join(f"sys.modules[{name!r}] = None\n" for name in blocked)
        + "from protea_entrypoints.cli.main import build_parser\n"
        + "build_parser().parse_args(['demo'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
