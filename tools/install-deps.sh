#!/bin/sh
# Installs what kijun needs on Debian 12, skipping what is already there. Run as root.
# Build: g++, CMake, pkg-config and the libraries (all Debian packages, versions pinned by the release).
# Tests: Node.js with npm (lunr.js, playwright-core), Chromium, a Japanese font, poppler-utils.
set -eu

packages="make g++ cmake pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libkainjow-mustache-dev
nlohmann-json3-dev libyaml-cpp-dev catch2 chromium fonts-ipafont-gothic fonts-ipafont-mincho poppler-utils ca-certificates"

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

if [ -n "$missing" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-deps: missing packages:$missing (run as root, or: sudo apt-get install$missing)" >&2
    exit 1
  fi
  echo "install-deps: installing$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
fi

# JavaScript packages exactly as package-lock.json pins them; skipped when already in place.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.kijun-lock; then
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.kijun-lock
fi
