#!/usr/bin/env bash
# Measures, in one run against one sandbox endpoint, the figures of bench/RESULTS.md:
#   1. wrk's request rate (64 connections) on the sandbox's template endpoint, and Pushdesk's end-to-end
#      broadcast of N recipients (delivery log written) against the same sandbox: the ratio.
#   2. the same broadcast with 50 ms of injected latency and a window of 64, against N x latency / window (and Qt's
#      HTTP client alone the same way: its own share of each cycle).
#   3. peak resident memory for an audience of 1,000,000.
# Usage: bench/run.sh [N=100000] [BIG=1000000]   (BIG=0 skips the memory run)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-100000}"
BIG="${2:-1000000}"
build="${BENCH_BUILD_DIR:-$root/build-rel}"
"$root/scripts/deps.sh" test
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target pushdesk pushdesk_bench >/dev/null
bin="$build/bin"
export QT_LOGGING_RULES="pushdesk.*=false"
port=$((20000 + RANDOM % 20000))
sandbox_pid=""
start_sandbox() {
  "$bin/pushdesk" sandbox --port "$port" "$@" >/dev/null 2>&1 &
  sandbox_pid=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/ping" >/dev/null && return 0; sleep 0.1; done
  echo "sandbox did not start" >&2; exit 1
}
stop_sandbox() { [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null || true; sandbox_pid=""; }
trap stop_sandbox EXIT
base="http://127.0.0.1:$port"

echo "== 1. loopback limit (wrk) and end-to-end rate, N=$N"
start_sandbox
curl -sf -XPOST "$base/sandbox/admin/apps" -d '{"appid":"wxwrk"}' >/dev/null
curl -sf -XPOST "$base/sandbox/admin/followers" -d "{\"appid\":\"wxwrk\",\"followers\":[{\"openid\":\"o1\",\"following\":true,\"last_interaction\":$(date +%s)}]}" >/dev/null
token=$(curl -sf -XPOST "$base/cgi-bin/stable_token" -d '{"grant_type":"client_credential","appid":"wxwrk","secret":"sandbox-secret-wxwrk"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')
lua=$(mktemp)
cat >"$lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"touser":"o1","msgtype":"text","text":{"content":"Hello, this is a benchmark message."}}'
wrk.headers["Content-Type"] = "application/json"
LUA
# The customer-service endpoint is what the broadcast uses; reset the allowance by interaction each time is
# not needed for wrk: 45047 answers cost the sandbox the same work as accepted ones.
wrk_rate=$(wrk -t2 -c64 -d10s -s "$lua" "$base/cgi-bin/message/custom/send?access_token=$token" | awk '/Requests\/sec/ {print $2}')
echo "wrk: $wrk_rate req/s"
# Qt's HTTP client alone (the engine's network pool, same window and requests, no database): the ceiling of
# any QNetworkAccessManager-based sender here. Seeds the followers first.
rawdb=$(mktemp -d)/raw.db
"$bin/pushdesk_bench" --upstream "$base" --recipients "$N" --db "$rawdb" --seed-only
raw=$("$bin/pushdesk_bench" --upstream "$base" --recipients "$N" --raw-qnam)
rm -rf "$(dirname "$rawdb")"
echo "qt http client alone: $raw"
e2e=$("$bin/pushdesk_bench" --upstream "$base" --recipients "$N")
echo "pushdesk: $e2e"
stop_sandbox
python3 - "$wrk_rate" "$e2e" "$raw" <<'PY'
import json, sys
wrk = float(sys.argv[1]); e = json.loads(sys.argv[2]); raw = json.loads(sys.argv[3])
print(f"ratio end-to-end / wrk = {e['rate_per_s'] / wrk:.3f} (target >= 0.25)")
print(f"ratio Qt HTTP client alone / wrk = {raw['rate_per_s'] / wrk:.3f}; end-to-end / Qt HTTP client alone = {e['rate_per_s'] / raw['rate_per_s']:.3f}")
PY

echo "== 2. 50 ms latency, window 64, N=$N"
start_sandbox --latency-ms 50
# Qt's HTTP client alone first, with the same latency and window: what the client itself adds to each cycle.
latdb=$(mktemp -d)/lat.db
"$bin/pushdesk_bench" --upstream "$base" --recipients "$N" --db "$latdb" --seed-only
latraw=$("$bin/pushdesk_bench" --upstream "$base" --recipients "$N" --concurrency 64 --raw-qnam)
rm -rf "$(dirname "$latdb")"
echo "qt http client alone: $latraw"
lat=$("$bin/pushdesk_bench" --upstream "$base" --recipients "$N" --concurrency 64)
echo "pushdesk: $lat"
stop_sandbox
python3 - "$N" "$lat" "$latraw" <<'PY'
import json, sys
n = int(sys.argv[1]); e = json.loads(sys.argv[2]); raw = json.loads(sys.argv[3])
bound = n * 0.050 / 64
print(f"time {e['seconds']:.1f} s, bound N*latency/window = {bound:.1f} s, ratio = {e['seconds'] / bound:.3f} (target <= 1.1)")
print(f"Qt HTTP client alone: {raw['seconds']:.1f} s, ratio = {raw['seconds'] / bound:.3f}")
PY

[ "$BIG" -gt 0 ] || exit 0 # BIG=0: skip the memory run
echo "== 3. peak memory, audience of $BIG"
start_sandbox
bigdb=$(mktemp -d)/big.db
"$bin/pushdesk_bench" --upstream "$base" --recipients "$BIG" --db "$bigdb" --seed-only
big=$("$bin/pushdesk_bench" --upstream "$base" --recipients "$BIG" --db "$bigdb")
rm -rf "$(dirname "$bigdb")"
echo "pushdesk: $big"
stop_sandbox
python3 - "$big" <<'PY'
import json, sys
e = json.loads(sys.argv[1])
print(f"peak RSS {e['peak_rss_mb']:.0f} MB (target <= 250 MB)")
PY
