"""KNN benchmark: PROTEA's blocked exact search vs faiss-cpu `IndexFlatIP`, same data, same run.

`python benchmarks/knn.py` (defaults: 2,000 queries, 200,000 x 1,280 float16 references,
top-10, cosine). Random Gaussian data from a fixed seed. Each method is timed on its own and
its extra peak resident memory is measured with the kernel's high-water mark (VmHWM, reset
through /proc/self/clear_refs before each method) minus the resident size before it; FAISS is
charged for building its float32 index, as it needs one. The neighbour lists are compared.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from protea_domain.prediction.knn import knn_search

MIB = 1024 * 1024


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(field)


def _reset_peak() -> int:
    Path("/proc/self/clear_refs").write_text("5")
    return _status("VmRSS")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--references", type=int, default=200_000)
    parser.add_argument("--dim", type=int, default=1280)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--block-mib", type=int, default=256, help="PROTEA's memory setting")
    parser.add_argument("--seed", type=int, default=20140101)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    references = np.empty((args.references, args.dim), dtype=np.float16)
    for start in range(0, args.references, 10_000):  # no float64 matrix of the full size
        rows = slice(start, start + 10_000)
        references[rows] = rng.standard_normal((references[rows].shape[0], args.dim),
                                                dtype=np.float32)  # fmt: skip
    queries = rng.standard_normal((args.queries, args.dim), dtype=np.float32)
    print(f"data: {args.queries} queries x {args.references} references x {args.dim} "
          f"float16 ({references.nbytes / MIB:.0f} MiB), top-{args.k}, cosine")  # fmt: skip

    before = _reset_peak()
    started = time.perf_counter()
    ours = knn_search(queries, references, args.k, metric="cosine",
                      max_block_bytes=args.block_mib * MIB)  # fmt: skip
    ours_s = time.perf_counter() - started
    ours_mib = (_status("VmHWM") - before) / MIB
    print(f"protea knn_search (max_block_bytes {args.block_mib} MiB): {ours_s:.2f} s, "
          f"peak extra memory {ours_mib:.0f} MiB")  # fmt: skip

    try:
        import faiss
    except ImportError:
        print("faiss-cpu not installed: pip install faiss-cpu")
        return 1
    before = _reset_peak()
    started = time.perf_counter()
    index = faiss.IndexFlatIP(args.dim)
    for start in range(0, args.references, 10_000):
        block = references[start : start + 10_000].astype(np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        index.add(block)
    built_s = time.perf_counter() - started
    normalised = queries / np.linalg.norm(queries, axis=1, keepdims=True)
    scores, indices = index.search(normalised, args.k)
    faiss_s = time.perf_counter() - started
    faiss_mib = (_status("VmHWM") - before) / MIB
    print(f"faiss IndexFlatIP {faiss.__version__}: {faiss_s:.2f} s (build {built_s:.2f} s, "
          f"search {faiss_s - built_s:.2f} s), peak extra memory {faiss_mib:.0f} MiB")  # fmt: skip

    same = float(np.mean([set(a) == set(b) for a, b in zip(ours.indices, indices, strict=True)]))
    gap = float(np.abs(np.sort(ours.distances, axis=1) - np.sort(1 - scores, axis=1)).max())
    print(f"identical neighbour sets: {same:.2%} of queries; max distance difference {gap:.2e}")
    print(f"time ratio protea/faiss: {ours_s / faiss_s:.2f} (vs faiss search only: "
          f"{ours_s / (faiss_s - built_s):.2f}); target <= 1.5")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
