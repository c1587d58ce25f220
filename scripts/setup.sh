#!/usr/bin/env bash
# scripts/setup.sh — installs the Debian packages symrange needs and unpacks Z3 5.4.1 (PyPI's
# z3-solver wheel) into .deps/z3-5.4.1 (idempotent: a no-op when all are present), then
# configures and builds into ${BUILD_DIR:-build}.
# Usage: [TARGETS="t1 t2"] scripts/setup.sh [extra cmake -D options...] (default: every target)
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/packages.sh
source scripts/lib/z3.sh
packages=(g++ cmake make pkg-config libboost-graph-dev doctest-dev
          nlohmann-json3-dev libcli11-dev libzip-dev)
ensure_packages setup "${packages[@]}"
ensure_z3 setup

build=${BUILD_DIR:-build}
# A unity build (CMake concatenates the sources of a target, eight at a time): the standard and
# third-party headers are parsed once per batch instead of once per file, which roughly halves a
# clean build (benchmarks/RESULTS.md, "Build time"). UNITY=OFF builds file by file.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" \
  -DCMAKE_UNITY_BUILD="${UNITY:-ON}" "$@" >/dev/null
cmake --build "$build" -j"$(nproc)" ${TARGETS:+--target $TARGETS}
