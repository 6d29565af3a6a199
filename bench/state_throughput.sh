#!/usr/bin/env bash
# What --state costs: launch throughput (POST /v2/ocr/ocr_async, each answered once committed)
# and GET poll throughput on one job, each for 10 s with wrk (Debian package wrk), first with
# the state in memory, then with --state on a fresh file in a temporary folder.
# Usage: bench/state_throughput.sh path/to/edenmock [threads]
set -euo pipefail
binary="$1"
threads="${2:-2}"
. "$(dirname "$0")/wrk_common.sh"
json_post_script "$work/launch.lua" '{"providers":"amazon","file_url":"https://x.test/a.wav"}'

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
    start_server "$work/out" "$binary" --port 0 --clock manual --seed 1 --log-level off \
        --threads "$threads" "$@"
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
    stop_server
}

run "in memory"
run "--state" --state "$work/state.db"
