#!/usr/bin/env bash
# scripts/test.sh — sets everything up with warnings as errors, then runs the whole test suite
# (ctest over the doctest binaries). SANITIZE=1 builds with ASan+UBSan into build-asan instead.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SANITIZE:-0}" = 1 ]; then
  export BUILD_DIR=build-asan
  # The sanitizer run repeats the suite at a smaller differential campaign (docs/testing.md).
  export SYMRANGE_DIFF_PROGRAMS=${SYMRANGE_DIFF_PROGRAMS:-400}
  scripts/setup.sh -DSYMRANGE_WERROR=ON -DSYMRANGE_SANITIZE=ON -DSYMRANGE_BENCHMARKS=OFF
else
  scripts/setup.sh -DSYMRANGE_WERROR=ON
fi
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j"$(nproc)"
