"""/v1/benchmark-matrix: how the benchmark matrix is laid out (benchmark.yaml)."""

from __future__ import annotations

from protea_entrypoints.api.schemas.benchmark import BenchmarkMatrixOut
from protea_entrypoints.api.spec import ApiRoute, Call, Reply


def matrix(call: Call) -> Reply:
    return Reply(BenchmarkMatrixOut.of(call.deps.benchmark_config()))


ROUTES = [
    ApiRoute("GET", "/benchmark-matrix", matrix, "getBenchmarkMatrix",
             "The benchmark matrix configuration", "benchmarks", {200: BenchmarkMatrixOut}),
]  # fmt: skip
