"""Run cafaeval 1.3.0 (the reference) and our evaluator on the same inputs; compare files."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from protea_domain.evaluation import EvaluationOptions, evaluate_files, write_results


def shared_data() -> Path:
    env = os.environ.get("PROTEA_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[4] / "shared" / "data"


def run_cafaeval(
    obo: Path,
    pred_dir: Path,
    gt: Path,
    out_dir: Path,
    *,
    ia: Path | None = None,
    norm: str = "cafa",
    prop: str = "max",
    th_step: float = 0.01,
    no_orphans: bool = False,
    max_terms: int | None = None,
) -> dict[str, bytes] | None:
    from cafaeval.evaluation import cafa_eval, write_results

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        df, best = cafa_eval(
            str(obo),
            str(pred_dir),
            str(gt),
            ia=None if ia is None else str(ia),
            no_orphans=no_orphans,
            norm=norm,
            prop=prop,
            max_terms=max_terms,
            th_step=th_step,
            n_cpu=1,
        )
    if df is None:
        return None
    write_results(df, best, out_dir=str(out_dir), th_step=th_step)
    return {p.name: p.read_bytes() for p in sorted(out_dir.iterdir())}


def run_ours(
    obo: Path,
    pred_dir: Path,
    gt: Path,
    out_dir: Path,
    *,
    ia: Path | None = None,
    norm: str = "cafa",
    prop: str = "max",
    th_step: float = 0.01,
    no_orphans: bool = False,
    max_terms: int | None = None,
) -> dict[str, bytes] | None:
    options = EvaluationOptions(
        norm=norm,
        prop=prop,
        th_step=th_step,
        no_orphans=no_orphans,
        max_terms=max_terms,
    )
    result = evaluate_files(obo, pred_dir, gt, ia_path=ia, options=options)
    if result.table is None:
        return None
    write_results(result, out_dir)
    return {p.name: p.read_bytes() for p in sorted(out_dir.iterdir())}


def assert_same_outputs(theirs: dict[str, bytes] | None, ours: dict[str, bytes] | None) -> None:
    """Same files, byte for byte; None on both sides when nothing was evaluated."""
    if theirs is None or ours is None:
        assert theirs is ours
        return
    assert sorted(theirs) == sorted(ours)
    for name, content in theirs.items():
        if content != ours[name]:
            t_lines = content.decode().splitlines()
            o_lines = ours[name].decode().splitlines()
            diff = [
                (i, a, b) for i, (a, b) in enumerate(zip(t_lines, o_lines, strict=False)) if a != b
            ]
            raise AssertionError(
                f"{name} differs: {len(t_lines)} vs {len(o_lines)} lines; first {diff[:3]}"
            )
