#!/usr/bin/env bash
# Memory of a million jobs (issue 15's goal: 1,000,000 small launches in at most 200 MB): starts
# edenmock (manual clock, so no job ends or expires; --log-level warn), launches small JSON
# speech-to-text jobs with wrk in 5 s rounds until the store holds JOBS (default 1,000,000),
# and prints the idle and final resident memory (VmRSS) and the bytes each job adds.
# Usage: bench/million_jobs.sh path/to/edenmock [JOBS]
set -euo pipefail
binary="$1"
wanted="${2:-1000000}"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
work="$(mktemp -d)"
pid=""
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
cat >"$work/launch.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"providers":"amazon","file_url":"https://x.test/a.wav","language":"en"}'
wrk.headers["Content-Type"] = "application/json"
LUA

"$binary" --port 0 --clock manual --seed 1 --log-level warn >"$work/out" 2>&1 &
pid=$!
until grep -q "listening on http://.*:[0-9]" "$work/out"; do sleep 0.05; done
url="$(awk '/listening on/ {print $NF; exit}' "$work/out")"

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$pid/status"; }
jobs() {
    curl -s "$url/_emulator/metrics" | awk '/^edenmock_jobs\{/ {n += $2} END {printf "%d", n}'
}

sleep 0.5
idle="$(rss_kib)"
while [ "$(jobs)" -lt "$wanted" ]; do
    wrk -t2 -c64 -d5s -s "$work/launch.lua" -H "Authorization: Bearer bench" \
        "$url/v2/audio/speech_to_text_async" >/dev/null
done
count="$(jobs)"
final="$(rss_kib)"
awk -v n="$count" -v idle="$idle" -v final="$final" 'BEGIN {
    printf "jobs            %d\n", n
    printf "idle RSS        %.1f MB\n", idle / 1024
    printf "RSS with jobs   %.1f MB\n", final / 1024
    printf "bytes per job   %.0f\n", (final - idle) * 1024 / n
}'
