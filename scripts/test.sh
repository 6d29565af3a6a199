#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test twice: a Release build with warnings
# as errors (in build/release), and a Debug build under AddressSanitizer and
# UndefinedBehaviorSanitizer (in build/sanitize).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
jobs="$(nproc)"

run_build() {
    local name="$1"
    shift
    local started=$SECONDS
    echo "== $name: configure and build"
    # BUILD_TESTING=ON even over a cache that has it off, and --no-tests=error, so that a build
    # without the tests fails instead of passing with "No tests were found!!!".
    cmake -S "$root" -B "$root/build/$name" -G Ninja -DBUILD_TESTING=ON "$@" >/dev/null
    cmake --build "$root/build/$name" -j "$jobs"
    echo "== $name: test"
    (cd "$root/build/$name" && ctest --output-on-failure --no-tests=error -j "$jobs")
    echo "== $name: done in $((SECONDS - started)) s"
}

export ASAN_OPTIONS="detect_leaks=1:detect_odr_violation=2:strict_string_checks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

run_build release -DCMAKE_BUILD_TYPE=Release -DEMU_WERROR=ON
run_build sanitize -DCMAKE_BUILD_TYPE=Debug -DEMU_WERROR=ON -DEMU_SANITIZE=address,undefined
