#!/usr/bin/env bash
# scripts/test.sh — sets everything up with warnings as errors, then runs the whole test suite
# (ctest over the doctest binaries), then the pytest suites of tests/python when pytest is
# importable (the ones that export real programs need torch and skip with a message without it).
# SANITIZE=1 builds with ASan+UBSan into build-asan instead (and leaves pytest to the plain run).
set -euo pipefail
cd "$(dirname "$0")/.."
# The include rules of docs/architecture.md (layers, Z3 only in solver/, private headers, no
# cycles between folders): seconds, so before the build.
python3 scripts/check_includes.py
# Line tables only (-g1): what test failures and sanitizer reports need, at a fraction of the
# compile time of full debug information (configure your own build directory to debug).
if [ "${SANITIZE:-0}" = 1 ]; then
  export BUILD_DIR=build-asan
  # The sanitizer run repeats the suite at a smaller differential campaign (docs/testing.md).
  export SYMRANGE_DIFF_PROGRAMS=${SYMRANGE_DIFF_PROGRAMS:-200}
  # Shared libraries here (BUILD_SHARED_LIBS), static ones in the plain build: both ways of
  # building the library run the whole suite. No Python module: pytest runs on the plain build.
  # -O1: the sanitizers' usual level, quicker to compile than -O2.
  scripts/setup.sh -DSYMRANGE_WERROR=ON -DSYMRANGE_SANITIZE=ON -DSYMRANGE_BENCHMARKS=OFF \
    -DSYMRANGE_PYTHON=OFF -DBUILD_SHARED_LIBS=ON -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG"
  # Left to the plain run, to keep CI within its time: tests whose time goes to Z3 or to
  # spawning one process per corpus file rather than to our own code (the differential test
  # above and every other engine test cover that code under the sanitizers). The lean-mode
  # corpus comparison alone took 262 s under the sanitizers (30 s plain).
  exclude='^(verify: totals are the sum|corpus: sound, and finds|corpus: without evidence or ranges'
  exclude+='|bench: every mode agrees|a degree-5 cond predicate)'
  ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)" -E "$exclude"
else
  # 1,000 differential programs here (the test's own default is 2,000): with the float family of
  # issue 13 a program costs twice what it did, and this one test is the critical path of the
  # suite; the 30-minute campaigns (scripts/campaign.sh) are where depth comes from.
  export SYMRANGE_DIFF_PROGRAMS=${SYMRANGE_DIFF_PROGRAMS:-1000}
  scripts/setup.sh -DSYMRANGE_WERROR=ON -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
  ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j"$(nproc)"
fi

if [ "${SANITIZE:-0}" = 1 ]; then
  echo "pytest: skipped under SANITIZE=1 (the plain run executes tests/python)"
elif ! python3 -c 'import pytest' 2>/dev/null; then
  echo "pytest: SKIPPED tests/python: pytest is not importable by python3" \
       "(pip install torch==2.13.0 pytest jsonschema 'dask[distributed]'; .ci/run does)"
else
  python3 -c 'import torch' 2>/dev/null ||
    echo "pytest: torch is not importable by python3: the tests that export real programs are" \
         "SKIPPED (pip install torch==2.13.0; .ci/run does)"
  python3 -c 'import distributed' 2>/dev/null ||
    echo "pytest: dask distributed is not importable by python3: the cluster tests are SKIPPED" \
         "(pip install 'dask[distributed]'; .ci/run does)"
  # Exit status 5 is "no tests collected": not a failure.
  rc=0
  SYMRANGE_BINARY="$PWD/${BUILD_DIR:-build}/symrange" python3 -m pytest tests/python -q -rs -p no:cacheprovider || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 5 ]; then exit "$rc"; fi
fi
