#!/usr/bin/env bash
# What --state costs: launch throughput (POST /v2/ocr/ocr_async, each answered once committed)
# and GET poll throughput on one job, each for 10 s with wrk (Debian package wrk), first with
# the state in memory, then with --state on a fresh file in a temporary folder.
# Usage: bench/state_throughput.sh path/to/edenmock [threads]
set -euo pipefail
binary="$1"
threads="${2:-2}"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
work="$(mktemp -d)"
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
cat >"$work/launch.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"providers":"amazon","file_url":"https://x.test/a.wav"}'
wrk.headers["Content-Type"] = "application/json"
LUA
auth="Authorization: Bearer bench"

# The server's CPU time so far (user + system, /proc/PID/stat), in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

# wrk's figures, and the server's CPU time per request: on a shared machine, where the
# hypervisor's steal time changes the rates from run to run, the steadier figure.
measure() {
    local before report requests
    before="$(cpu_ticks)"
    report="$(wrk "$@")"
    requests="$(awk '/requests in/ {print $1}' <<<"$report")"
    grep -E "Requests/sec|Latency" <<<"$report"
    awk -v ticks="$(($(cpu_ticks) - before))" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
        'BEGIN {printf "  server CPU per request: %.1f us\n", ticks / hz / n * 1e6}'
}

run() {
    local label="$1"
    shift
    : >"$work/out" # emptied here: the child's redirection may come after the grep below
    "$binary" --port 0 --clock manual --seed 1 --log-level off --threads "$threads" "$@" \
        >>"$work/out" &
    pid=$!
    until grep -q "listening on http://.*:[0-9]" "$work/out"; do sleep 0.05; done # a whole line
    local url
    url="$(awk '/listening on/ {print $NF}' "$work/out")"
    echo "== $label: launches"
    measure -t "$threads" -c $((4 * threads)) -d 10s -s "$work/launch.lua" -H "$auth" \
        "$url/v2/ocr/ocr_async"
    local id
    id="$(curl -s -H "$auth" -H 'Content-Type: application/json' \
        -d '{"providers":"amazon","file_url":"https://x.test/a.wav"}' "$url/v2/ocr/ocr_async" |
        sed 's/.*"public_id":"\([^"]*\)".*/\1/')"
    echo "== $label: polls of one job"
    measure -t "$threads" -c $((2 * threads)) -d 10s -H "$auth" "$url/v2/ocr/ocr_async/$id"
    if [ $# -gt 0 ]; then
        curl -s "$url/_emulator/metrics" | grep -E "^edenmock_state_(file_bytes|commit_seconds_(sum|count)|checkpoints)"
    fi
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}

run "in memory"
run "--state" --state "$work/state.db"
