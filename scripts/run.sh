#!/usr/bin/env bash
# Installs what is missing, builds edenmock (Release) and starts it on 127.0.0.1:8080 with the
# shipped default scenario. Extra arguments go to edenmock (e.g. --clock manual --seed 1).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$root/build/release" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$root/build/release" --target edenmock
exec "$root/build/release/server/edenmock" --host 127.0.0.1 --port 8080 \
    --scenarios "$root/scenarios/default.json" "$@"
