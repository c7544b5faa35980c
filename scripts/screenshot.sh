#!/usr/bin/env bash
# Takes the screenshots of the documentation: builds, creates a demo database with 2,000 subscribers,
# runs one broadcast with `pushdesk send` so that the dashboard and the logs have data, then opens the
# console under Xvfb in English and in Simplified Chinese and captures every page with ImageMagick:
#   docs/console.png                 the English dashboard (shown in README.md)
#   docs/pages/<page>-en.png         every page in English
#   docs/pages/<page>-zh_CN.png      every page in Simplified Chinese
# Needs xvfb-run, xdotool and ImageMagick's `import` (apt-get install xvfb xdotool imagemagick).
# BUILD_DIR chooses the build folder (default build/); SKIP_BUILD=1 uses the binary that is there.
set -euo pipefail

# One language: start the console as on a desktop of that locale (dates and numbers follow it), on its
# own config folder (so the user's settings stay untouched and every run looks the same), wait for its
# window, and visit the pages through their shortcuts (Go menu: Ctrl+1 … Ctrl+9, Ctrl+0).
capture() {
  local lang="$1"
  local locale="en_US.UTF-8"
  [ "$lang" = zh_CN ] && locale="zh_CN.UTF-8"
  LANG="$locale" LC_ALL="$locale" LANGUAGE="" \
    XDG_CONFIG_HOME="$PUSHDESK_SHOT_WORK/config-$lang" XDG_DATA_HOME="$PUSHDESK_SHOT_WORK/data-$lang" \
    "$PUSHDESK_SHOT_BIN" --db "$PUSHDESK_SHOT_DB" --lang "$lang" \
    >"$PUSHDESK_SHOT_WORK/console-$lang.log" 2>&1 &
  local pid=$!
  local wid=""
  for _ in $(seq 1 100); do
    wid="$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | tail -n 1 || true)"
    [ -n "$wid" ] && break
    sleep 0.2
  done
  if [ -z "$wid" ]; then
    echo "screenshot.sh: the console did not open a window ($lang):" >&2
    cat "$PUSHDESK_SHOT_WORK/console-$lang.log" >&2
    kill "$pid" 2>/dev/null || true
    return 1
  fi
  xdotool windowmove "$wid" 0 0 windowsize "$wid" 1400 900 windowfocus --sync "$wid"
  sleep 1.5
  local pages=(dashboard:1 broadcasts:2 composer:3 apps:4 subscribers:5 templates:6 sendlog:7 settings:8
               complaints:9 audit:0)
  local entry page key
  for entry in "${pages[@]}"; do
    page="${entry%%:*}"
    key="${entry##*:}"
    xdotool key --clearmodifiers "ctrl+$key"
    sleep 1.2
    import -window "$wid" "$PUSHDESK_SHOT_DOCS/pages/$page-$lang.png"
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

# Second half, inside Xvfb (the script calls itself through xvfb-run).
if [ "${1:-}" = --in-xvfb ]; then
  capture en
  capture zh_CN
  exit 0
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
docs="$root/docs"

for tool in xvfb-run xdotool import; do
  if ! command -v "$tool" >/dev/null; then
    echo "screenshot.sh: $tool is missing (apt-get install xvfb xdotool imagemagick)" >&2
    exit 1
  fi
done

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  BUILD_DIR="$build" BUILD_TYPE="${BUILD_TYPE:-Release}" "$root/scripts/build.sh"
fi
bin="$build/bin/pushdesk"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/demo.db"
"$bin" demo --db "$db" --subscribers 2000
echo
"$bin" send --db "$db" --app demo --template welcome --var message="Your order has shipped" >/dev/null 2>&1
mkdir -p "$docs/pages"

PUSHDESK_SHOT_BIN="$bin" PUSHDESK_SHOT_DB="$db" PUSHDESK_SHOT_WORK="$work" PUSHDESK_SHOT_DOCS="$docs" \
  xvfb-run -a -s "-screen 0 1400x900x24" "$0" --in-xvfb

cp "$docs/pages/dashboard-en.png" "$docs/console.png"
echo "screenshots in $docs/pages and $docs/console.png"
