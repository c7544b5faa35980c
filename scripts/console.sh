#!/usr/bin/env bash
# The first command: installs what is missing, builds, creates the demo database on first use, and
# opens the console on it, wired to the built-in sandbox. Extra arguments go to pushdesk.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/deps.sh" build
"$root/scripts/build.sh"
bin="${BUILD_DIR:-$root/build}/bin/pushdesk"
db="${PUSHDESK_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/Pushdesk/pushdesk/pushdesk.db}"
if [ ! -f "$db" ]; then
  "$bin" demo --db "$db"
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "pushdesk: no display to open the console on; run this from a desktop session (or: xvfb-run $0)" >&2
  exit 1
fi
exec "$bin" --db "$db" "$@"
