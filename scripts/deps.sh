#!/usr/bin/env bash
# Installs the Debian 12 packages Pushdesk needs that are missing. Usage: scripts/deps.sh [build|test]
set -euo pipefail
build_pkgs=(cmake ninja-build g++ qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-l10n-tools qt6-httpserver-dev
  qt6-websockets-dev qt6-charts-dev qt6-translations-l10n qtkeychain-qt6-dev libqt6sql6-sqlite libqt6sql6-psql libgl-dev libcurl4-openssl-dev)
test_pkgs=(xvfb xauth gnome-keyring dbus-x11 postgresql python3-aiosmtpd wrk)
pkgs=("${build_pkgs[@]}")
[ "${1:-build}" = test ] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "pushdesk: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
