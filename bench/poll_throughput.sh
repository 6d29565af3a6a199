#!/usr/bin/env bash
# Polling throughput: starts edenmock (manual clock, logging off), launches one job, and drives
# GET on it with wrk (Debian package wrk) for 10 s on 2 connections per thread, processing and
# then finished.
# Usage: bench/poll_throughput.sh path/to/edenmock [threads]
set -euo pipefail
binary="$1"
threads="${2:-2}"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
out="$(mktemp)"
"$binary" --port 0 --clock manual --seed 1 --log-level off --threads "$threads" >"$out" &
pid=$!
trap 'kill $pid; rm -f "$out"' EXIT
until [ -s "$out" ]; do sleep 0.05; done
url="$(awk '{print $NF}' "$out")"
auth="Authorization: Bearer bench"
id="$(curl -s -H "$auth" -H 'Content-Type: application/json' \
    -d '{"providers":"amazon","file_url":"https://x.test/a.wav"}' "$url/v2/ocr/ocr_async" |
    sed 's/.*"public_id":"\([^"]*\)".*/\1/')"
echo "== processing job"
wrk -t "$threads" -c $((2 * threads)) -d 10s -H "$auth" "$url/v2/ocr/ocr_async/$id" | grep -E "Requests/sec|Latency"
curl -s -X POST -d '{"seconds": 5}' "$url/_emulator/clock/advance" >/dev/null
echo "== finished job (result generated on every read)"
wrk -t "$threads" -c $((2 * threads)) -d 10s -H "$auth" "$url/v2/ocr/ocr_async/$id" | grep -E "Requests/sec|Latency"
