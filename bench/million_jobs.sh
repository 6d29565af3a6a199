#!/usr/bin/env bash
# Memory of a million jobs (issue 15's goal: 1,000,000 small launches in at most 200 MB): starts
# edenmock (manual clock, so no job ends or expires; --log-level warn), launches small JSON
# speech-to-text jobs with wrk in 5 s rounds until the store holds JOBS (default 1,000,000),
# and prints the idle and final resident memory (VmRSS) and the bytes each job adds.
# Usage: bench/million_jobs.sh path/to/edenmock [JOBS]
set -euo pipefail
binary="$1"
wanted="${2:-1000000}"
. "$(dirname "$0")/wrk_common.sh"
json_post_script "$work/launch.lua" \
    '{"providers":"amazon","file_url":"https://x.test/a.wav","language":"en"}'
start_server "$work/out" "$binary" --port 0 --clock manual --seed 1 --log-level warn

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$pid/status"; }
jobs() {
    curl -s "$url/_emulator/metrics" | awk '/^edenmock_jobs\{/ {n += $2} END {printf "%d", n}'
}

sleep 0.5
idle="$(rss_kib)"
while [ "$(jobs)" -lt "$wanted" ]; do
    wrk -t2 -c64 -d5s -s "$work/launch.lua" -H "$auth" "$url/v2/audio/speech_to_text_async" \
        >/dev/null
done
count="$(jobs)"
final="$(rss_kib)"
awk -v n="$count" -v idle="$idle" -v final="$final" 'BEGIN {
    printf "jobs            %d\n", n
    printf "idle RSS        %.1f MB\n", idle / 1024
    printf "RSS with jobs   %.1f MB\n", final / 1024
    printf "bytes per job   %.0f\n", (final - idle) * 1024 / n
}'
