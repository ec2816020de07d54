#!/usr/bin/env bash
# Bring up (or down) every service the PROTEA test suite needs, on loopback only.
#
#   bash scripts/services.sh [up]   # idempotent: starts/installs only what is missing
#   bash scripts/services.sh down   # stops only what this script itself started (the S3 server)
#
# The tests need nothing exported: they default to exactly these endpoints.
#   PROTEA_TEST_PG_URL=postgresql+psycopg2://protea@127.0.0.1:5432/protea_test
#   PROTEA_TEST_PG_STAIRWAY_URL=postgresql+psycopg2://protea@127.0.0.1:5432/protea_stairway
#   PROTEA_TEST_AMQP_URL=amqp://guest:guest@127.0.0.1:5672/%2F
#   PROTEA_TEST_S3_ENDPOINT=127.0.0.1:9000          (access key / secret: testing / testing)
#
# What `up` does:
#   PostgreSQL 15 (cluster 15/main): started with pg_ctlcluster when 127.0.0.1:5432 does not answer.
#   pgvector: not packaged for Debian 12, so Debian's `pgvector` source package is taken from the
#     trixie suite (a deb-src-only apt source: no binary package ever comes from trixie) and built
#     against postgresql-server-dev-15. Only when vector.control / vector.so are missing.
#   Role `protea` (LOGIN SUPERUSER: CREATE EXTENSION vector needs it; a throwaway test cluster)
#     owning the databases protea_test and protea_stairway.
#   RabbitMQ: `rabbitmq-server -detached` when 127.0.0.1:5672 does not answer; guest/guest checked
#     with a real AMQP handshake from 127.0.0.1.
#   S3: `moto_server` (moto[server], installed into ${PROTEA_VENV:-.venv} when missing) on
#     127.0.0.1:9000, pidfile and log under .services/; checked with the minio client.
#
# Knobs (all optional): PROTEA_VENV (default .venv), PROTEA_PYTHON (python used to create the venv,
# default python3), PROTEA_SERVICES_TIMEOUT (seconds to wait for each service, default 120).
# Needs root (or sudo) only to start PostgreSQL/RabbitMQ and to build pgvector.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

VENV=${PROTEA_VENV:-.venv}
PYTHON_FOR_VENV=${PROTEA_PYTHON:-python3}
TIMEOUT=${PROTEA_SERVICES_TIMEOUT:-120}
STATE_DIR=$ROOT/.services

PG_VERSION=15
PG_CLUSTER=main
PG_HOST=127.0.0.1
PG_PORT=5432
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
PG_LOG=/var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log
PG_ROLE=protea
PG_DATABASES=(protea_test protea_stairway)
VECTOR_CONTROL=/usr/share/postgresql/$PG_VERSION/extension/vector.control
VECTOR_SO=/usr/lib/postgresql/$PG_VERSION/lib/vector.so
TRIXIE_SRC_LIST=/etc/apt/sources.list.d/protea-trixie-src.sources

AMQP_HOST=127.0.0.1
AMQP_PORT=5672
AMQP_USER=guest
AMQP_PASSWORD=guest

S3_HOST=127.0.0.1
S3_PORT=9000
S3_KEY=testing
MOTO_PID=$STATE_DIR/moto.pid
MOTO_LOG=$STATE_DIR/moto.log

SUMMARY=()

say() { printf '[services] %s\n' "$*"; }
die() {
    printf '[services] ERROR: %s\n' "$*" >&2
    exit 1
}
summary() { SUMMARY+=("$(printf '%-11s %s' "$1" "$2")"); }

# Run a command as root: directly when we are root, else through sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

# wait_for SECONDS DESCRIPTION COMMAND...: retry COMMAND every second until it succeeds.
wait_for() {
    local limit=$1 what=$2
    shift 2
    local start=$SECONDS waited=0
    until "$@" >/dev/null 2>&1; do
        if ((SECONDS - start >= limit)); then
            return 1
        fi
        waited=1
        sleep 1
    done
    if ((waited)); then say "$what ready after $((SECONDS - start)) s"; fi
}

port_open() { timeout 3 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

APT_UPDATED=0
apt_install() {
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $* by hand"
    mkdir -p "$STATE_DIR"
    local log=$STATE_DIR/apt.log
    if [ "$APT_UPDATED" -eq 0 ]; then
        say "apt-get update"
        as_root apt-get update -q >"$log" 2>&1 || {
            tail -n 30 "$log" >&2
            die "apt-get update failed (log: $log)"
        }
        APT_UPDATED=1
    fi
    say "apt-get install $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" \
        >"$log" 2>&1 || {
        tail -n 30 "$log" >&2
        die "apt-get install $* failed (log: $log)"
    }
}

# pip install into the venv, quietly; drops the harmless warnings about find-links/index
# locations configured machine-wide that do not exist, keeps every other message.
pip_install() {
    local err=$STATE_DIR/pip.err rc=0
    mkdir -p "$STATE_DIR"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check "$@" 2>"$err" || rc=$?
    grep -v "^WARNING: Location '.*' is ignored: it is neither a file nor a directory" "$err" >&2 || true
    rm -f "$err"
    return "$rc"
}

# ----------------------------------------------------------------------------- PostgreSQL
pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 3; }

start_postgres() {
    command -v pg_isready >/dev/null 2>&1 ||
        die "PostgreSQL client tools missing: apt-get install postgresql-$PG_VERSION"
    if pg_ready; then
        summary postgresql "already running on $PG_HOST:$PG_PORT"
        return
    fi
    [ -x "$PG_BIN/postgres" ] || die "PostgreSQL $PG_VERSION is not installed: apt-get install postgresql-$PG_VERSION"
    command -v pg_ctlcluster >/dev/null 2>&1 || die "pg_ctlcluster not found (postgresql-common missing)"
    say "starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
    # A non-zero exit here (e.g. 'already running' while still starting up) is judged by the wait.
    # 9>&-: daemons must not inherit (and so hold) this script's lock.
    as_root pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start 9>&- ||
        say "pg_ctlcluster start exited non-zero; waiting for the server anyway"
    if ! wait_for "$TIMEOUT" "PostgreSQL" pg_ready; then
        [ -r "$PG_LOG" ] && tail -n 20 "$PG_LOG" >&2
        die "PostgreSQL $PG_VERSION/$PG_CLUSTER not accepting connections on $PG_HOST:$PG_PORT after ${TIMEOUT}s (log: $PG_LOG)"
    fi
    summary postgresql "started $PG_VERSION/$PG_CLUSTER on $PG_HOST:$PG_PORT"
}

# psql as the `postgres` superuser: over TCP if trust auth allows it, else via the OS user.
PG_ADMIN_MODE=
pick_pg_admin() {
    if psql -X -w -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
        PG_ADMIN_MODE=tcp
    elif [ "$(id -u)" -eq 0 ]; then
        PG_ADMIN_MODE=runuser
    else
        PG_ADMIN_MODE=sudo
    fi
}
pg_admin() {
    case $PG_ADMIN_MODE in
    tcp) PGOPTIONS='-c client_min_messages=warning' psql -X -w -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U postgres "$@" ;;
    runuser) (cd / && runuser -u postgres -- env PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@") ;;
    sudo) (cd / && sudo -u postgres env PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@") ;;
    *) die "internal: pg_admin mode not chosen" ;;
    esac
}

# The mirror this machine already uses for Debian (reused for the trixie deb-src line).
debian_mirror() {
    local codename=$1 uri="" f
    shopt -s nullglob
    for f in /etc/apt/sources.list.d/*.sources; do
        [ "$f" = "$TRIXIE_SRC_LIST" ] && continue
        uri=$(awk -v want="$codename" '
            BEGIN { RS = ""; FS = "\n" }
            {
                uris = ""; suites = ""
                for (i = 1; i <= NF; i++) {
                    line = $i
                    if (line ~ /^[ \t]*#/) continue
                    low = tolower(line)
                    if (low ~ /^uris:/) { sub(/^[^:]*:[ \t]*/, "", line); uris = line }
                    else if (low ~ /^suites:/) { sub(/^[^:]*:[ \t]*/, "", line); suites = " " line " " }
                }
                if (uris != "" && index(suites, " " want " ") > 0) {
                    split(uris, u, /[ \t]+/); print u[1]; exit
                }
            }' "$f")
        [ -n "$uri" ] && break
    done
    shopt -u nullglob
    if [ -z "$uri" ] && [ -r /etc/apt/sources.list ]; then
        uri=$(awk -v want="$codename" '
            $1 == "deb" {
                i = 2
                if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                if ($(i + 1) == want) { print $i; exit }
            }' /etc/apt/sources.list)
    fi
    printf '%s\n' "${uri:-http://deb.debian.org/debian}"
}

build_pgvector_from_trixie_source() {
    local codename mirror keyring tmp
    codename=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")
    mirror=$(debian_mirror "$codename")
    keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    if [ ! -f "$TRIXIE_SRC_LIST" ]; then
        say "adding deb-src (source packages only) for trixie from $mirror: $TRIXIE_SRC_LIST"
        {
            echo "# Added by PROTEA scripts/services.sh to build pgvector, which Debian 12 lacks."
            echo "# Source packages only (Types: deb-src): no binary package is taken from trixie."
            echo "Types: deb-src"
            echo "URIs: $mirror"
            echo "Suites: trixie"
            echo "Components: main"
            [ -f "$keyring" ] && echo "Signed-By: $keyring"
        } | as_root tee "$TRIXIE_SRC_LIST" >/dev/null
        APT_UPDATED=0 # the new source needs its index
    fi
    apt_install postgresql-server-dev-$PG_VERSION dpkg-dev make gcc xz-utils
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/protea-pgvector.XXXXXX")
    PGVECTOR_TMP=$tmp
    trap 'rm -rf "$PGVECTOR_TMP"' EXIT
    chmod 755 "$tmp" # lets apt's _apt user write the download (no 'unsandboxed' warning)
    say "fetching Debian source package pgvector/trixie"
    (cd "$tmp" && apt-get source -q pgvector/trixie >"$tmp/source.log" 2>&1) || {
        cat "$tmp/source.log" >&2
        die "apt-get source pgvector/trixie failed"
    }
    local srcdir
    srcdir=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)
    [ -n "$srcdir" ] || die "no pgvector-* directory after apt-get source"
    say "building $(basename "$srcdir") against PostgreSQL $PG_VERSION"
    (cd "$srcdir" && make -s PG_CONFIG="$PG_BIN/pg_config" >"$tmp/build.log" 2>&1) || {
        tail -n 40 "$tmp/build.log" >&2
        die "pgvector build failed"
    }
    (cd "$srcdir" && as_root make -s PG_CONFIG="$PG_BIN/pg_config" install >"$tmp/install.log" 2>&1) || {
        tail -n 40 "$tmp/install.log" >&2
        die "pgvector make install failed"
    }
    rm -rf "$tmp"
    trap - EXIT
}

ensure_pgvector() {
    if [ -f "$VECTOR_CONTROL" ] && [ -f "$VECTOR_SO" ]; then
        return
    fi
    say "pgvector missing for PostgreSQL $PG_VERSION: installing"
    local started=$SECONDS os_id
    os_id=$(. /etc/os-release && printf '%s' "${ID:-}")
    # A binary package where the configured repositories have one (PGDG, Ubuntu, ...); Debian 12's
    # own repositories do not, hence the source build.
    if command -v apt-cache >/dev/null 2>&1 &&
        apt-cache policy "postgresql-$PG_VERSION-pgvector" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
        apt_install "postgresql-$PG_VERSION-pgvector"
    elif [ "$os_id" = debian ]; then
        build_pgvector_from_trixie_source
    else
        die "pgvector for PostgreSQL $PG_VERSION is missing and no way to install it is known here; install it (https://github.com/pgvector/pgvector) and rerun"
    fi
    if [ ! -f "$VECTOR_CONTROL" ] || [ ! -f "$VECTOR_SO" ]; then
        die "pgvector install did not produce $VECTOR_CONTROL and $VECTOR_SO"
    fi
    # Prove it: CREATE EXTENSION in a scratch database, one distance, then drop the database.
    local scratch=protea_vector_check dist
    pg_admin -d postgres -c "DROP DATABASE IF EXISTS $scratch" -c "CREATE DATABASE $scratch" ||
        die "could not create scratch database $scratch"
    dist=$(pg_admin -d "$scratch" -At -c 'CREATE EXTENSION IF NOT EXISTS vector' \
        -c "SELECT '[1,2,3]'::vector <-> '[1,2,5]'::vector") || dist=""
    pg_admin -d postgres -c "DROP DATABASE IF EXISTS $scratch" || true
    [ "$dist" = 2 ] || die "pgvector installed but CREATE EXTENSION vector / distance check failed (got '$dist')"
    say "pgvector installed and verified in $((SECONDS - started)) s"
    PGVECTOR_NOTE="installed now"
}

ensure_role_and_databases() {
    local role db owner
    role=$(pg_admin -d postgres -At -c "SELECT rolsuper AND rolcanlogin FROM pg_roles WHERE rolname = '$PG_ROLE'") ||
        die "cannot run psql as the postgres superuser (mode $PG_ADMIN_MODE)"
    if [ -z "$role" ]; then
        say "creating role $PG_ROLE (LOGIN SUPERUSER)"
        pg_admin -d postgres -c "CREATE ROLE $PG_ROLE LOGIN SUPERUSER"
    elif [ "$role" != t ]; then
        say "granting LOGIN SUPERUSER to role $PG_ROLE"
        pg_admin -d postgres -c "ALTER ROLE $PG_ROLE LOGIN SUPERUSER"
    fi
    for db in "${PG_DATABASES[@]}"; do
        owner=$(pg_admin -d postgres -At -c "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '$db'") ||
            die "cannot query pg_database"
        if [ -z "$owner" ]; then
            say "creating database $db owned by $PG_ROLE"
            pg_admin -d postgres -c "CREATE DATABASE $db OWNER $PG_ROLE"
        elif [ "$owner" != "$PG_ROLE" ]; then
            say "database $db: owner $owner -> $PG_ROLE"
            pg_admin -d postgres -c "ALTER DATABASE $db OWNER TO $PG_ROLE"
        fi
    done
    # What the tests will do: log in as protea over TCP without a password, see pgvector.
    local avail
    for db in "${PG_DATABASES[@]}"; do
        avail=$(PGCONNECT_TIMEOUT=5 psql -X -w -At -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d "$db" \
            -c "SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'" 2>&1) ||
            die "cannot log in as $PG_ROLE to $db on $PG_HOST:$PG_PORT without a password ($avail); the tests need trust auth for 127.0.0.1 in pg_hba.conf"
        [ "$avail" = 1 ] || die "extension vector not available to the server (database $db)"
    done
}

# ----------------------------------------------------------------------------- RabbitMQ
# A real AMQP 0-9-1 handshake (stdlib only): PLAIN login, open vhost "/", close cleanly.
amqp_login_check() {
    python3 - "$AMQP_HOST" "$AMQP_PORT" "$AMQP_USER" "$AMQP_PASSWORD" <<'PY'
import socket, struct, sys

host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]


def shortstr(s):
    b = s.encode()
    return struct.pack("!B", len(b)) + b


def longstr(b):
    return struct.pack("!I", len(b)) + b


def send_method(sock, class_id, method_id, args):
    payload = struct.pack("!HH", class_id, method_id) + args
    sock.sendall(struct.pack("!BHI", 1, 0, len(payload)) + payload + b"\xce")


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise SystemExit("connection closed by broker (login refused?)")
        buf += chunk
    return buf


def recv_method(sock):
    while True:
        ftype, _channel, size = struct.unpack("!BHI", recv_exact(sock, 7))
        payload = recv_exact(sock, size + 1)[:-1]
        if ftype == 1:
            return struct.unpack("!HH", payload[:4]), payload[4:]


def expect(sock, want, step):
    got, args = recv_method(sock)
    if got != want:
        detail = ""
        if got == (10, 50):  # connection.close carries the reason
            code = struct.unpack("!H", args[:2])[0]
            detail = f": {code} {args[3:3 + args[2]].decode(errors='replace')}"
        raise SystemExit(f"{step}: expected method {want}, got {got}{detail}")
    return args


def check():
    with socket.create_connection((host, port), timeout=10) as s:
        s.settimeout(10)
        s.sendall(b"AMQP\x00\x00\x09\x01")
        expect(s, (10, 10), "connection.start")
        send_method(s, 10, 11, struct.pack("!I", 0) + shortstr("PLAIN")
                    + longstr(b"\0" + user.encode() + b"\0" + password.encode())
                    + shortstr("en_US"))
        tune = expect(s, (10, 30), "login")
        channel_max, frame_max, _heartbeat = struct.unpack("!HIH", tune[:8])
        send_method(s, 10, 31, struct.pack("!HIH", channel_max, frame_max, 0))
        send_method(s, 10, 40, shortstr("/") + shortstr("") + b"\x00")
        expect(s, (10, 41), "open vhost /")
        send_method(s, 10, 50, struct.pack("!H", 200) + shortstr("services check")
                    + struct.pack("!HH", 0, 0))
        expect(s, (10, 51), "close")


try:
    check()
except OSError as exc:
    raise SystemExit(f"AMQP {user}@{host}:{port}: {exc}") from None
PY
}

start_rabbitmq() {
    local how="already running on $AMQP_HOST:$AMQP_PORT"
    if ! port_open "$AMQP_HOST" "$AMQP_PORT"; then
        command -v rabbitmq-server >/dev/null 2>&1 || die "rabbitmq-server not installed: apt-get install rabbitmq-server"
        say "starting RabbitMQ"
        as_root rabbitmq-server -detached 9>&- || say "rabbitmq-server -detached exited non-zero; waiting anyway"
        if ! wait_for "$TIMEOUT" "RabbitMQ port $AMQP_PORT" port_open "$AMQP_HOST" "$AMQP_PORT"; then
            tail -n 20 /var/log/rabbitmq/*.log 2>/dev/null >&2 || true
            die "RabbitMQ not accepting connections on $AMQP_HOST:$AMQP_PORT after ${TIMEOUT}s (logs: /var/log/rabbitmq/)"
        fi
        as_root timeout "$TIMEOUT" rabbitmqctl -q await_startup >/dev/null 2>&1 ||
            say "rabbitmqctl await_startup did not confirm; relying on the AMQP check"
        how="started on $AMQP_HOST:$AMQP_PORT"
    fi
    # The port can open a moment before logins are accepted: retry the handshake briefly.
    if ! wait_for 30 "RabbitMQ login" amqp_login_check; then
        say "guest/guest login failed; resetting the guest user (throwaway test broker)"
        as_root rabbitmqctl -q add_user guest guest >/dev/null 2>&1 ||
            as_root rabbitmqctl -q change_password guest guest >/dev/null
        as_root rabbitmqctl -q set_permissions -p / guest '.*' '.*' '.*' >/dev/null
        local err
        err=$(amqp_login_check 2>&1) || die "RabbitMQ: guest/guest cannot log in to vhost / from $AMQP_HOST ($err); guest must be allowed on loopback (loopback_users)"
    fi
    summary rabbitmq "$how, guest/guest ok"
}

# ----------------------------------------------------------------------------- S3 (moto)
ensure_venv_tools() {
    if [ ! -x "$VENV/bin/python" ]; then
        say "creating virtualenv $VENV"
        "$PYTHON_FOR_VENV" -m venv "$VENV" || die "could not create virtualenv $VENV"
    fi
    local want=()
    [ -x "$VENV/bin/moto_server" ] || want+=("moto[server]")
    "$VENV/bin/python" -c 'import minio' >/dev/null 2>&1 || want+=("minio")
    if ((${#want[@]})); then
        say "pip install ${want[*]} into $VENV"
        pip_install "${want[@]}" ||
            die "pip install ${want[*]} failed"
    fi
    [ -x "$VENV/bin/moto_server" ] || die "moto_server missing from $VENV/bin after installing moto[server]"
}

s3_answers() {
    if command -v curl >/dev/null 2>&1; then
        curl -s --noproxy '*' -o /dev/null -m 3 "http://$S3_HOST:$S3_PORT/"
    else
        python3 -c "import urllib.request as u, sys
try: u.urlopen('http://$S3_HOST:$S3_PORT/', timeout=3)
except u.HTTPError: pass" # any HTTP answer counts
    fi
}

moto_pid() {
    local pid
    [ -f "$MOTO_PID" ] || return 1
    pid=$(cat "$MOTO_PID" 2>/dev/null) || return 1
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    # Guard against pid reuse: it must still be our moto_server.
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q moto_server || return 1
    printf '%s\n' "$pid"
}

s3_check() {
    NO_PROXY='*' no_proxy='*' "$VENV/bin/python" - "$S3_HOST:$S3_PORT" "$S3_KEY" <<'PY'
import io, sys, uuid

from minio import Minio


def round_trip():
    client = Minio(sys.argv[1], access_key=sys.argv[2], secret_key=sys.argv[2], secure=False,
                   region="us-east-1")
    bucket = "protea-services-check-" + uuid.uuid4().hex[:12]
    data = b"protea services check"
    client.make_bucket(bucket)
    try:
        client.put_object(bucket, "check.txt", io.BytesIO(data), len(data))
        resp = client.get_object(bucket, "check.txt")
        try:
            got = resp.read()
        finally:
            resp.close()
            resp.release_conn()
        client.remove_object(bucket, "check.txt")
    finally:
        client.remove_bucket(bucket)
    if got != data:
        raise SystemExit(f"object round trip returned {got!r}")


try:
    round_trip()
except Exception as exc:
    raise SystemExit(f"{type(exc).__name__}: {str(exc)[:300]}") from None
PY
}

start_s3() {
    local how pid
    ensure_venv_tools
    if pid=$(moto_pid); then
        how="already running (pid $pid, started by this script)"
    elif s3_answers; then
        how="already answering on $S3_HOST:$S3_PORT (not started by this script)"
    else
        mkdir -p "$STATE_DIR"
        say "starting moto_server on $S3_HOST:$S3_PORT (log: ${MOTO_LOG#"$ROOT"/})"
        # 9>&-: the server must not inherit (and so hold) this script's lock.
        nohup "$VENV/bin/moto_server" -H "$S3_HOST" -p "$S3_PORT" </dev/null >>"$MOTO_LOG" 2>&1 9>&- &
        pid=$!
        disown "$pid" 2>/dev/null || true
        echo "$pid" >"$MOTO_PID"
        local start=$SECONDS
        until s3_answers; do
            if ! kill -0 "$pid" 2>/dev/null; then
                tail -n 20 "$MOTO_LOG" >&2
                rm -f "$MOTO_PID"
                die "moto_server exited during startup (log: $MOTO_LOG)"
            fi
            if ((SECONDS - start >= TIMEOUT)); then
                tail -n 20 "$MOTO_LOG" >&2
                die "moto_server not answering HTTP on $S3_HOST:$S3_PORT after ${TIMEOUT}s (log: $MOTO_LOG)"
            fi
            sleep 0.5
        done
        say "S3 ready after $((SECONDS - start)) s"
        how="started (pid $pid)"
    fi
    local err
    err=$(s3_check 2>&1) || die "S3 on $S3_HOST:$S3_PORT failed the bucket/object round trip with the minio client: $err"
    summary s3 "$how on $S3_HOST:$S3_PORT, bucket/object round trip ok"
}

stop_s3() {
    local pid
    if pid=$(moto_pid); then
        say "stopping moto_server (pid $pid)"
        kill "$pid"
        local i
        for ((i = 0; i < 50; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            kill -9 "$pid" 2>/dev/null || true
        fi
        summary s3 "stopped (pid $pid)"
    else
        summary s3 "not running under this script; nothing to stop"
    fi
    rm -f "$MOTO_PID"
}

# ----------------------------------------------------------------------------- main
lock() {
    mkdir -p "$STATE_DIR"
    exec 9>"$STATE_DIR/lock"
    flock -w "$TIMEOUT" 9 || die "another services.sh is still running (lock $STATE_DIR/lock)"
}

print_summary() {
    local line
    for line in "${SUMMARY[@]}"; do
        say "$line"
    done
}

cmd_up() {
    local started=$SECONDS
    PGVECTOR_NOTE="present"
    start_postgres
    pick_pg_admin
    ensure_pgvector
    ensure_role_and_databases
    summary pgvector "$PGVECTOR_NOTE; role $PG_ROLE (superuser) owns ${PG_DATABASES[*]}"
    start_rabbitmq
    start_s3
    print_summary
    say "all services up ($((SECONDS - started)) s)"
}

cmd_down() {
    stop_s3
    print_summary
    say "PostgreSQL and RabbitMQ are left running (system services, not started per run)"
}

main() {
    local cmd=${1:-up}
    case $cmd in
    up)
        lock
        cmd_up
        ;;
    down)
        lock
        cmd_down
        ;;
    -h | --help | help) sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
    *)
        echo "usage: $0 [up|down]" >&2
        exit 2
        ;;
    esac
}

main "$@"
