#!/usr/bin/env bash
# scripts/setup.sh — installs the Debian packages symrange needs (idempotent: a no-op when they
# are all present), then configures and builds into ${BUILD_DIR:-build}.
# Usage: [TARGETS="t1 t2"] scripts/setup.sh [extra cmake -D options...] (default: every target)
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/packages.sh
packages=(g++ cmake make pkg-config libz3-dev libboost-graph-dev doctest-dev
          nlohmann-json3-dev libcli11-dev libzip-dev)
ensure_packages setup "${packages[@]}"

build=${BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
cmake --build "$build" -j"$(nproc)" ${TARGETS:+--target $TARGETS}
