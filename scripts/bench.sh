#!/usr/bin/env bash
# scripts/bench.sh — installs what is missing, builds symrange-bench (RelWithDebInfo, the
# project's default) into ${BUILD_DIR:-build-bench} and runs the benchmark run recorded in
# benchmarks/RESULTS.md: every mix at 10^2..10^5 nodes,
# every mode (naive, no-slicing and no-intervals up to 10^4). Tables on stdout, JSON in
# ${BENCH_JSON:-bench.json}. Extra arguments go to symrange-bench (e.g. --scales 1000,10000).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build-bench} TARGETS=symrange-bench scripts/setup.sh -DSYMRANGE_BENCHMARKS=ON >&2
exec "${BUILD_DIR:-build-bench}/symrange-bench" --json "${BENCH_JSON:-bench.json}" "$@"
