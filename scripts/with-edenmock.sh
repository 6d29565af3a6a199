#!/usr/bin/env bash
# Runs a command against an edenmock started in the background for it, then stops edenmock:
#
#   scripts/with-edenmock.sh [edenmock flags...] -- command [args...]
#
# edenmock listens on 127.0.0.1 on a free port (--host 127.0.0.1 --port 0, unless the flags or
# their EDENMOCK_* twins set --host or --port); the command sees its base URL in EDENMOCK_URL
# (e.g. http://127.0.0.1:40123). The script waits for edenmock's ready line (at most
# EDENMOCK_START_TIMEOUT seconds, default 30), exits with the command's status, and stops
# edenmock with SIGTERM whatever happens. The binary is EDENMOCK_BIN, by default the newer of
# build/release/server/edenmock (scripts/test.sh builds it) and build/run/server/edenmock
# (scripts/run.sh) of this checkout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/defaults.sh"
binary="${EDENMOCK_BIN:-$root/build/release/server/edenmock}"
if [[ -z "${EDENMOCK_BIN:-}" && "$root/build/run/server/edenmock" -nt "$binary" ]]; then
    binary="$root/build/run/server/edenmock"
fi
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

defaults=()
add_default defaults host 127.0.0.1 "${flags[@]}"
add_default defaults port 0 "${flags[@]}"
workdir="$(mktemp -d)"
: >"$workdir/stdout" # there before the first read, which may come before the redirection
"$binary" "${defaults[@]}" "${flags[@]}" >"$workdir/stdout" &
pid=$!
stop() {
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -rf "$workdir"
}
trap stop EXIT

# The ready line, "edenmock listening on http://HOST:PORT", is the first line on stdout; read
# succeeds once the line is whole.
ready_prefix="edenmock listening on "
deadline=$((SECONDS + timeout))
until IFS= read -r ready_line <"$workdir/stdout" && [[ "$ready_line" == "$ready_prefix"* ]]; do
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

export EDENMOCK_URL="${ready_line#"$ready_prefix"}"
"$@" && status=0 || status=$?
exit "$status"
