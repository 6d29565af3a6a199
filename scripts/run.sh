#!/usr/bin/env bash
# Installs what is missing, builds edenmock (Release, in build/run) and starts it on
# 127.0.0.1:8080 with the shipped default scenario. Extra arguments go to edenmock (e.g. --clock
# manual --seed 1); those that set --host, --port or --scenarios (or their EDENMOCK_* twins)
# replace these defaults (e.g. --port 18080). With EDENMOCK_BIN set, it installs and builds
# nothing and starts that binary.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/defaults.sh"
binary="${EDENMOCK_BIN:-$root/build/run/server/edenmock}"
if [[ -z "${EDENMOCK_BIN:-}" ]]; then
    "$root/scripts/install-deps.sh"
    # A folder of its own: scripts/test.sh's build/release has the tests on, this one has them
    # off.
    cmake -S "$root" -B "$root/build/run" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DBUILD_TESTING=OFF >/dev/null
    cmake --build "$root/build/run" --target edenmock
fi
defaults=()
add_default defaults host 127.0.0.1 "$@"
add_default defaults port 8080 "$@"
add_default defaults scenarios "$root/scenarios/default.json" "$@"
exec "$binary" "${defaults[@]}" "$@"
