#!/usr/bin/env bash
# Runs a command against an edenmock started in the background for it, then stops edenmock:
#
#   scripts/with-edenmock.sh [edenmock flags...] -- command [args...]
#
# edenmock listens on 127.0.0.1 on a free port; the command sees its base URL in EDENMOCK_URL
# (e.g. http://127.0.0.1:40123). The script waits for the port file (at most
# EDENMOCK_START_TIMEOUT seconds, default 30), exits with the command's status, and stops
# edenmock with SIGTERM whatever happens. The binary is EDENMOCK_BIN, by default
# build/release/server/edenmock of this checkout (scripts/run.sh or scripts/test.sh build it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="${EDENMOCK_BIN:-$root/build/release/server/edenmock}"
timeout="${EDENMOCK_START_TIMEOUT:-30}"

flags=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
    flags+=("$1")
    shift
done
if [[ $# -lt 2 ]]; then
    echo "usage: $0 [edenmock flags...] -- command [args...]" >&2
    exit 2
fi
shift # the "--"
if [[ ! -x "$binary" ]]; then
    echo "with-edenmock: no edenmock binary at $binary (build it, or set EDENMOCK_BIN)" >&2
    exit 2
fi

workdir="$(mktemp -d)"
port_file="$workdir/port"
"$binary" --host 127.0.0.1 --port 0 --port-file "$port_file" "${flags[@]}" >"$workdir/stdout" &
pid=$!
stop() {
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -rf "$workdir"
}
trap stop EXIT

deadline=$((SECONDS + timeout))
until [[ -s "$port_file" ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid" && status=0 || status=$?
        echo "with-edenmock: edenmock exited with status $status before listening" >&2
        exit 1
    fi
    if ((SECONDS >= deadline)); then
        echo "with-edenmock: edenmock did not listen within ${timeout}s" >&2
        exit 1
    fi
    sleep 0.05
done

export EDENMOCK_URL="http://127.0.0.1:$(cat "$port_file")"
"$@" && status=0 || status=$?
exit "$status"
