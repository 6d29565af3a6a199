#!/usr/bin/env bash
# edenmock against the bare Beast anchor (bench/anchor/bare_beast.cpp), in the same run, for each
# workload of issue 15: wrk -t2 -c64 for DURATION (default 10s) per measurement, RUNS (default 3)
# alternating measurements of each server, each on a fresh process; prints the medians and
# their ratio to the anchor's. edenmock runs on the manual clock with seed 1, once with the
# default logging (an access line per request to stderr, written to a file) and once with
# --log-level warn.
# Usage: bench/compare.sh path/to/edenmock path/to/bench_anchor
#   (the anchor: cmake --build build/release --target bench_anchor)
set -euo pipefail
edenmock="$1"
anchor="$2"
runs="${RUNS:-3}"
duration="${DURATION:-10s}"
threads="${THREADS:-2}"
. "$(dirname "$0")/wrk_common.sh"
stt="/v2/audio/speech_to_text_async"
ocr="/v2/ocr/ocr_async"
small_json='{"providers":"amazon","file_url":"https://x.test/a.wav","language":"en"}'

json_post_script "$work/post_json.lua" "$small_json"
cat >"$work/post_multipart.lua" <<'LUA'
local boundary = "edenmockbenchboundary"
local function field(name, value)
  return "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name ..
         "\"\r\n\r\n" .. value .. "\r\n"
end
wrk.method = "POST"
wrk.body = field("providers", "amazon") .. field("language", "en") ..
  "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"file\"; " ..
  "filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\n" .. string.rep("a", 100 * 1024) ..
  "\r\n--" .. boundary .. "--\r\n"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
LUA

# POSTs a body ($2, JSON) to $1 on the running server: the public_id answered.
launch() {
    curl -sf -H "$auth" -H 'Content-Type: application/json' -d "$2" "$url$1" |
        sed 's/.*"public_id":"\([^"]*\)".*/\1/'
}

advance() {
    curl -sf -X POST -H 'Content-Type: application/json' -d '{"seconds":3600}' \
        "$url/_emulator/clock/advance" >/dev/null
}

rate() {
    wrk -t"$threads" -c64 -d"$duration" -H "$auth" "$@" | awk '/Requests\/sec/ {print $2}'
}

median() {
    sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'
}

# One measurement of a workload ($1) on a fresh server: "anchor", "info" or "warn".
measure() {
    local workload="$1" server="$2" id
    if [ "$server" = anchor ]; then
        start_server "$work/anchor.log" "$anchor" --threads "$threads"
    else
        start_server "$work/edenmock.log" "$edenmock" --port 0 --clock manual --seed 1 \
            --threads "$threads" --log-level "$server"
    fi
    case "$workload" in
    get_processing)
        id="$(launch "$stt" "$small_json")"
        rate "$url$stt/$id" ;;
    get_finished_stt)
        id="$(launch "$stt" "$small_json")"
        advance
        rate "$url$stt/$id" ;;
    get_finished_ocr | get_finished_ocr_after_polls)
        id="$(launch "$ocr" '{"providers":"google","file_url":"https://x.test/a.pdf"}')"
        if [ "$workload" = get_finished_ocr_after_polls ]; then
            local other
            other="$(launch "$stt" "$small_json")"
            wrk -t"$threads" -c64 -d3s -H "$auth" "$url$stt/$other" >/dev/null
        fi
        advance
        rate "$url$ocr/$id" ;;
    post_json) rate -s "$work/post_json.lua" "$url$stt" ;;
    post_multipart) rate -s "$work/post_multipart.lua" "$url$stt" ;;
    esac
    stop_server
}

# The median of RUNS measurements.
median_of() {
    local i
    for ((i = 0; i < runs; i++)); do measure "$@"; done | median
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }

printf "%-34s %10s %10s %6s %10s %6s\n" workload anchor edenmock ratio "warn" ratio
get_anchor="$(median_of get_processing anchor)"
post_anchor="$(median_of post_json anchor)"
multipart_anchor="$(median_of post_multipart anchor)"
for workload in get_processing get_finished_stt get_finished_ocr get_finished_ocr_after_polls \
    post_json post_multipart; do
    case "$workload" in
    get_*) base="$get_anchor" ;;
    post_json) base="$post_anchor" ;;
    post_multipart) base="$multipart_anchor" ;;
    esac
    info="$(median_of "$workload" info)"
    warn="$(median_of "$workload" warn)"
    printf "%-34s %10.0f %10.0f %6s %10.0f %6s\n" "$workload" "$base" "$info" \
        "$(ratio "$info" "$base")" "$warn" "$(ratio "$warn" "$base")"
done
