#!/usr/bin/env bash
# Measures the console at scale (issue 5, "Scale"), the figures of bench/RESULTS.md "Console at scale":
# a database of 1,000,000 subscribers and 1,000,000 deliveries (seeded once, kept in the build tree), the
# real console on the offscreen platform: the Subscribers page opening, searches, Send log filters, and
# the GUI thread's heartbeat during a 100,000-recipient broadcast against `pushdesk sandbox`.
# Usage: bench/scale.sh [SUBSCRIBERS=1000000] [DELIVERIES=1000000] [RECIPIENTS=100000] [REPS=5] [pushdesk_scale options]
# e.g. `bench/scale.sh 1000000 1000000 100000 5 --skip-broadcast`: the pages only, without the 2-minute broadcast.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
SUBSCRIBERS="${1:-1000000}"
DELIVERIES="${2:-1000000}"
RECIPIENTS="${3:-100000}"
REPS="${4:-5}"
shift $(( $# < 4 ? $# : 4 ))
build="${SCALE_BUILD_DIR:-$root/build-scale}"
db="${SCALE_DB:-$build/scale-$SUBSCRIBERS-$DELIVERIES.db}"
"$root/scripts/deps.sh" test
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target pushdesk pushdesk_scale >/dev/null
bin="$build/bin"
export QT_LOGGING_RULES="pushdesk.*=false"
export QT_QPA_PLATFORM=offscreen
port=$((20000 + RANDOM % 20000))
"$bin/pushdesk" sandbox --port "$port" >/dev/null 2>&1 &
sandbox_pid=$!
stop_sandbox() { kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null || true; }
trap stop_sandbox EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/ping" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/ping" >/dev/null || { echo "sandbox did not start" >&2; exit 1; }
echo "== console at scale: $SUBSCRIBERS subscribers, $DELIVERIES deliveries, broadcast of $RECIPIENTS ($(date -u +%F), $(nproc) cores)"
"$bin/pushdesk_scale" --upstream "http://127.0.0.1:$port" --db "$db" --subscribers "$SUBSCRIBERS" \
  --deliveries "$DELIVERIES" --recipients "$RECIPIENTS" --reps "$REPS" "$@"
