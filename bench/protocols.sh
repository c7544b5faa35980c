#!/usr/bin/env bash
# Would HTTP/2 or TCP_NODELAY lift Qt's HTTP client, the ceiling of any QNetworkAccessManager-based sender?
# Measures in one run: wrk (HTTP/1.1) on the sandbox, h2load on nghttpd (HTTP/2, cleartext), and Qt's client
# (bench/qnam_protocols.cpp) against each, GET and POST, with and without TCP_NODELAY (bench/nodelay_preload.c).
# Needs Debian's nghttp2-server and nghttp2-client besides the test packages. Usage: bench/protocols.sh [N=60000]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-60000}"
build="${BENCH_BUILD_DIR:-$root/build-rel}"
command -v nghttpd >/dev/null && command -v h2load >/dev/null || { echo "install nghttp2-server nghttp2-client" >&2; exit 2; }
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target pushdesk qnam_protocols >/dev/null
bin="$build/bin"
work=$(mktemp -d)
gcc -shared -fPIC -O2 "$root/bench/nodelay_preload.c" -o "$work/nodelay.so" -ldl
mkdir "$work/www" && echo '{"errcode":0,"errmsg":"ok"}' >"$work/www/ok"
printf '%s' '{"touser":"o1","msgtype":"text","text":{"content":"Hello, this is a benchmark message."}}' >"$work/body.json"
h1port=$((20000 + RANDOM % 20000)); h2port=$((h1port + 1))
QT_LOGGING_RULES="pushdesk.*=false" "$bin/pushdesk" sandbox --port "$h1port" >/dev/null 2>&1 & sandbox=$!
nghttpd --no-tls -d "$work/www" "$h2port" >/dev/null 2>&1 & nghttpd=$!
trap 'kill $sandbox $nghttpd 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$h1port/ping" >/dev/null && break; sleep 0.1; done
h1="http://127.0.0.1:$h1port/ping"; h2="http://127.0.0.1:$h2port/ok"
echo "wrk GET (HTTP/1.1, 64 connections): $(wrk -t2 -c64 -d5s "$h1" | awk '/Requests\/sec/ {print $2}') req/s"
echo "h2load POST (HTTP/2, 8 connections x 16 streams): $(h2load -n 100000 -c 8 -m 16 -t 2 -d "$work/body.json" "$h2" | awk '/^finished in/ {print $4}') req/s"
for method in get post; do
  "$bin/qnam_protocols" "$h1" "$N" h1 8 "$method"
  LD_PRELOAD="$work/nodelay.so" "$bin/qnam_protocols" "$h1" "$N" h1 8 "$method" | sed 's/}$/,"tcp_nodelay":true}/'
  for m in 1 8; do
    "$bin/qnam_protocols" "$h2" "$N" h2 "$m" "$method"
    LD_PRELOAD="$work/nodelay.so" "$bin/qnam_protocols" "$h2" "$N" h2 "$m" "$method" | sed 's/}$/,"tcp_nodelay":true}/'
  done
done
