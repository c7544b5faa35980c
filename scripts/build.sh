#!/usr/bin/env bash
# Configures and builds Pushdesk into build/ (override with BUILD_DIR).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
type="${BUILD_TYPE:-RelWithDebInfo}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="$type" ${CMAKE_ARGS:-} >/dev/null
cmake --build "$build" --parallel "$(nproc)"
