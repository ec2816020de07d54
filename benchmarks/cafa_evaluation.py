"""CAFA evaluation benchmark: PROTEA vs cafaeval 1.3.0 vs cafaeval-protea 0.1.0.

One command: `python benchmarks/cafa_evaluation.py` (add `--small` for a quick run). The case is
built deterministically from shared data: GO 2022 go-basic, ground truth from the experimental
human 2022 annotations (5,000 targets), IA computed from all human 2022 annotations, and two
prediction files (a term-frequency baseline and a neighbour-transfer predictor, > 3 million
rows together). Each reference runs from its own virtual environment under `.bench-venvs/`
(created on first use with pip); each tool runs as a child process whose wall time and peak
resident memory (its whole process tree) are measured. The outputs must agree byte for byte.
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

if TYPE_CHECKING:
    from protea_domain.evaluation.ontology import EvaluationOntology

EXPERIMENTAL = {
    "EXP",
    "IDA",
    "IPI",
    "IMP",
    "IGI",
    "IEP",
    "HTP",
    "HDA",
    "HMP",
    "HGI",
    "HEP",
    "TAS",
    "IC",
}
REFERENCES = {"cafaeval": "cafaeval==1.3.0", "cafaeval-protea": "cafaeval-protea==0.1.0"}


def shared_data() -> Path:
    env = os.environ.get("PROTEA_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def ensure_venv(cache: Path, name: str, spec: str) -> Path:
    python = cache / name / "bin" / "python"
    if not python.exists():
        print(f"creating {cache / name} with {spec}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(cache / name)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", spec], check=True)
    return python


def read_annotations(path: Path) -> list[tuple[str, str, str]]:
    with gzip.open(path, "rt") as handle:
        next(handle)
        return [(p[0], p[2], p[3]) for p in (line.rstrip("\n").split("\t") for line in handle)]


def propagated_sets(
    ontology: EvaluationOntology, pairs: list[tuple[str, str]]
) -> dict[str, dict[str, np.ndarray]]:
    """namespace -> protein -> sorted propagated term indexes."""
    from protea_domain.evaluation.annotations import build_ground_truth

    out: dict[str, dict[str, np.ndarray]] = {}
    for gt in build_ground_truth(pairs, ontology):
        out[gt.namespace] = {
            t: gt.indices[gt.indptr[i] : gt.indptr[i + 1]] for i, t in enumerate(gt.targets)
        }
    return out


def information_accretion(
    ontology: EvaluationOntology, sets: dict[str, dict[str, np.ndarray]]
) -> dict[str, float]:
    """IA(t) = -log2 P(t | all parents of t), estimated on propagated annotations."""
    ia: dict[str, float] = {}
    for ns in ontology.namespaces:
        proteins = sets.get(ns.name, {})
        if not proteins:
            continue
        used = np.unique(np.concatenate(list(proteins.values())))
        col = np.full(ns.size, -1, dtype=np.intp)
        col[used] = np.arange(used.size)
        matrix = np.zeros((len(proteins), used.size), dtype=np.bool_)
        for row, terms in enumerate(proteins.values()):
            matrix[row, col[terms]] = True
        parents: dict[int, list[int]] = {}
        for level in ns.levels:
            bounds = [*level.starts.tolist(), level.children.size]
            for k, p in enumerate(level.parents.tolist()):
                for c in level.children[bounds[k] : bounds[k + 1]].tolist():
                    parents.setdefault(c, []).append(p)
        counts = matrix.sum(axis=0)
        for j, term in enumerate(used.tolist()):
            ps = [col[p] for p in parents.get(term, [])]
            base = matrix[:, ps].all(axis=1).sum() if ps else len(proteins)
            ia[ns.terms[term]] = float(-np.log2(counts[j] / base)) + 0.0
    return ia


def build_case(work: Path, n_targets: int, n_neighbours: int) -> None:
    from protea_domain.evaluation.files import load_ontology

    data = shared_data()
    obo = work / "go-basic.obo"
    with gzip.open(data / "go" / "go-basic-2022-07-01.obo.gz", "rt") as src:
        obo.write_text(src.read())
    ontology = load_ontology(obo)
    rows = read_annotations(data / "human2022" / "dev_annotations.tsv.gz")
    experimental = sorted({acc for acc, _, code in rows if code in EXPERIMENTAL})
    targets = experimental[:n_targets]
    chosen = set(targets)
    with open(work / "ground_truth.tsv", "w") as out:
        out.writelines(
            f"{acc}\t{go}\n" for acc, go, code in rows if acc in chosen and code in EXPERIMENTAL
        )
    sets = propagated_sets(ontology, [(acc, go) for acc, go, _ in rows])
    ia = information_accretion(ontology, sets)
    with open(work / "ia.tsv", "w") as out:
        out.writelines(f"{term}\t{value:.6f}\n" for term, value in sorted(ia.items()))
    preds = work / "predictions"
    preds.mkdir()
    write_naive(preds / "naive.tsv", ontology, sets, targets)
    write_neighbours(preds / "neighbours.tsv", ontology, sets, targets, n_neighbours)


def write_naive(
    path: Path,
    ontology: EvaluationOntology,
    sets: dict[str, dict[str, np.ndarray]],
    targets: list[str],
) -> None:
    top = {"biological_process": 150, "molecular_function": 60, "cellular_component": 60}
    lines: list[str] = []
    for ns in ontology.namespaces:
        proteins = sets.get(ns.name, {})
        counts = np.bincount(np.concatenate(list(proteins.values())), minlength=ns.size)
        best = np.argsort(-counts, kind="stable")[: top.get(ns.name, 50)]
        lines.extend(f"{ns.terms[j]}\t{counts[j] / len(proteins):.3f}\n" for j in best)
    with open(path, "w") as out:
        for target in targets:
            out.writelines(f"{target}\t{line}" for line in lines)


def write_neighbours(
    path: Path,
    ontology: EvaluationOntology,
    sets: dict[str, dict[str, np.ndarray]],
    targets: list[str],
    n_neighbours: int,
) -> None:
    pool = sorted({p for proteins in sets.values() for p in proteins})
    with open(path, "w") as out:
        for number, target in enumerate(targets):
            rng = np.random.default_rng(20220701 + number)
            picks = [pool[i] for i in rng.choice(len(pool), n_neighbours + 1, replace=False)]
            picks = [p for p in picks if p != target][:n_neighbours]
            sims = np.round(rng.uniform(0.05, 0.95, len(picks)), 3)
            for ns in ontology.namespaces:
                proteins = sets.get(ns.name, {})
                pairs = [
                    (proteins[p], s) for p, s in zip(picks, sims, strict=True) if p in proteins
                ]
                if not pairs:
                    continue
                scores = np.concatenate([np.full(t.size, s) for t, s in pairs])
                flat = np.concatenate([t for t, _ in pairs])
                order = np.lexsort((-scores, flat))
                flat, scores = flat[order], scores[order]
                first = np.concatenate(([True], flat[1:] != flat[:-1]))
                out.writelines(
                    f"{target}\t{ns.terms[j]}\t{s:.3f}\n"
                    for j, s in zip(flat[first].tolist(), scores[first].tolist(), strict=True)
                )


def _tree_rss(pid: int) -> int:
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(x) for x in handle.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def measure(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Run a command; returns (wall seconds, peak resident MiB of its process tree)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    watcher.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{command[:3]} failed ({proc.returncode}):\n{stderr[-3000:]}")
    return wall, max(peak, usage.ru_maxrss) / 1024.0


def compare(a: Path, b: Path) -> str:
    names_a = sorted(p.name for p in a.iterdir())
    names_b = sorted(p.name for p in b.iterdir())
    if names_a != names_b:
        return f"different files {names_a} vs {names_b}"
    differing = [n for n in names_a if (a / n).read_bytes() != (b / n).read_bytes()]
    if not differing:
        return f"identical ({len(names_a)} files)"
    return f"DIFFERENT: {', '.join(differing)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="600 targets, ~0.4M rows")
    parser.add_argument("--cache", type=Path, default=REPO / ".bench-venvs")
    parser.add_argument("--work", type=Path, default=None, help="keep the case here")
    parser.add_argument("--threads", type=int, default=1, help="-threads for every tool")
    parser.add_argument("--skip", action="append", default=[], choices=sorted(REFERENCES))
    args = parser.parse_args(argv)
    n_targets, n_neighbours = (600, 12) if args.small else (5000, 12)
    work = args.work or Path(tempfile.mkdtemp(prefix="cafa-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if not (work / "predictions").exists():
        t0 = time.perf_counter()
        build_case(work, n_targets, n_neighbours)
        print(f"case built in {time.perf_counter() - t0:.1f} s at {work}", flush=True)
    n_rows = sum(f.read_text().count("\n") for f in (work / "predictions").iterdir())
    n_gt = len({line.split()[0] for line in (work / "ground_truth.tsv").read_text().splitlines()})
    print(f"case: {n_gt} targets, {n_rows} prediction rows in 2 files, GO 2022 go-basic, IA")
    inputs = [
        str(work / "go-basic.obo"),
        str(work / "predictions"),
        str(work / "ground_truth.tsv"),
        "-ia",
        str(work / "ia.tsv"),
        "-threads",
        str(args.threads),
    ]
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    tools = {"protea": [sys.executable, "-m", "protea_entrypoints.cli.evaluate"]}
    for name, spec in REFERENCES.items():
        if name not in args.skip:
            tools[name] = [str(ensure_venv(args.cache, name, spec)), "-m", "cafaeval"]
    results: dict[str, tuple[float, float]] = {}
    for name, command in tools.items():
        out = work / f"out-{name}"
        results[name] = measure([*command, *inputs, "-out_dir", str(out)], env, work)
        print(
            f"{name:16s} wall {results[name][0]:8.2f} s   peak RSS {results[name][1]:9.1f} MiB",
            flush=True,
        )
    for name in tools:
        if name != "protea":
            print(f"outputs protea vs {name}: {compare(work / 'out-protea', work / f'out-{name}')}")
    for name in tools:
        if name != "protea":
            wall = results[name][0] / results["protea"][0]
            mem = results["protea"][1] / results[name][1]
            print(f"ratio vs {name}: {wall:.1f}x faster, {mem:.2f} of its peak memory")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
