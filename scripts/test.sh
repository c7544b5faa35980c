#!/usr/bin/env bash
# The second command: installs what is missing, builds, and runs the whole test suite through CTest.
# The keychain tests get a session bus with an unlocked gnome-keyring; GUI tests run offscreen.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/deps.sh" test
"$root/scripts/build.sh"
build="${BUILD_DIR:-$root/build}"
cd "$build"
# A keyring of its own for every run (a fresh XDG_DATA_HOME), so that a login keyring left on the machine
# with another password can never leave the test keyring locked.
keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT
XDG_DATA_HOME="$keyring_home" dbus-run-session -- sh -c 'echo -n pushdesk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec ctest --output-on-failure --timeout 900 -j2 "$@"' ctest "$@"
