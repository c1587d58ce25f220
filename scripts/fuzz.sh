#!/usr/bin/env bash
# scripts/fuzz.sh — builds the libFuzzer targets (clang, ASan + UBSan) into
# ${BUILD_DIR:-build-fuzz} and runs each for ${FUZZ_SECONDS:-60} seconds, seeded from
# tests/fixtures/samples/*.txt, fuzz/expr_seeds.txt, tests/fixtures/corpus and the
# earlier findings kept in tests/fixtures/fuzz/{reader,expr}/ (so a known bug fails every run).
# Exits 1 when a fuzzer finds a crash, a timeout or an out-of-memory, and prints where the input
# is and how to reproduce it. docs/testing.md says more.
# Environment: FUZZ_SECONDS (per fuzzer), FUZZERS (default "fuzz_reader fuzz_expr fuzz_pt2"),
# FUZZ_WORK (a directory kept across runs for corpora and findings; default a fresh temporary
# one, removed when nothing was found), SHARED_CORPUS (default tests/fixtures/corpus).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/packages.sh
source scripts/lib/z3.sh
packages=(clang libclang-rt-14-dev cmake make pkg-config libboost-graph-dev doctest-dev
          nlohmann-json3-dev libcli11-dev libzip-dev unzip)
ensure_packages fuzz "${packages[@]}"
ensure_z3 fuzz

read -r -a fuzzers <<<"${FUZZERS:-fuzz_reader fuzz_expr fuzz_pt2}"
build=${BUILD_DIR:-build-fuzz}
CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_UNITY_BUILD=ON -DSYMRANGE_FUZZ=ON \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DSYMRANGE_PYTHON=OFF \
  -DSYMRANGE_BENCHMARKS=OFF -DSYMRANGE_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${fuzzers[@]}"

seconds=${FUZZ_SECONDS:-60}
shared=${SHARED_CORPUS:-tests/fixtures/corpus}
if [ -n "${FUZZ_WORK:-}" ]; then
  work=$FUZZ_WORK
  keep=1
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/symrange-fuzz.XXXXXX")
  keep=0
fi
symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
[ -n "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=$symbolizer
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# seed FUZZER DIR: copies the seed inputs of FUZZER into DIR (never writes into the sources).
seed() {
  local dir=$2
  case $1 in
    fuzz_reader)
      cp tests/fixtures/samples/*.txt "$dir/"
      cp tests/fixtures/fuzz/reader/* "$dir/" 2>/dev/null || true
      if [ -d "$shared" ]; then
        find "$shared" -type f -name '*.txt' ! -name README.md -print0 |
          while IFS= read -r -d '' f; do
            rel=${f#"$shared"/}
            cp "$f" "$dir/shared_${rel//\//_}"
          done
      fi
      ;;
    fuzz_pt2)
      # the archives, and their model JSON on its own (the target reads non-zip bytes as JSON)
      local a
      for a in tests/fixtures/pt2/*.pt2 tests/fixtures/pt2/*.ep; do
        case $a in *aoti*) continue ;; esac
        cp "$a" "$dir/"
        unzip -p "$a" '*models/*.json' '*serialized_exported_program.json' \
          >"$dir/$(basename "$a").json" 2>/dev/null || true
      done
      ;;
    fuzz_expr)
      cp tests/fixtures/fuzz/expr/* "$dir/" 2>/dev/null || true
      local n=0 line
      # the expressions of fuzz/expr_seeds.txt and of every `Sym(...)` annotation in the samples
      while IFS= read -r line; do
        [ -n "$line" ] || continue
        printf '%s' "$line" >"$dir/seed_$n"
        n=$((n + 1))
      done < <(cat fuzz/expr_seeds.txt
               grep -oh '"Sym([^"]*)"' tests/fixtures/samples/*.txt | sed 's/^"Sym(//; s/)"$//' |
                 LC_ALL=C sort -u)
      ;;
  esac
}

failed=()
for f in "${fuzzers[@]}"; do
  dir=$work/$f
  mkdir -p "$dir/corpus" "$dir/findings"
  seed "$f" "$dir/corpus"
  dict=fuzz/${f#fuzz_}.dict
  dict_opt=()
  [ -f "$dict" ] && dict_opt=(-dict="$dict")
  echo "fuzz: $f for ${seconds}s (corpus $dir/corpus, log $dir/log)" >&2
  status=0
  "$build/fuzz/$f" "$dir/corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 "${dict_opt[@]}" -artifact_prefix="$dir/findings/" -print_final_stats=1 \
    >"$dir/log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added)' \
    "$dir/log" | sed "s/^/fuzz: $f /" >&2 || true
  if [ "$status" -ne 0 ] || [ -n "$(ls -A "$dir/findings")" ]; then
    failed+=("$f")
    echo "fuzz: $f FAILED (exit $status); last lines of $dir/log:" >&2
    tail -n 40 "$dir/log" >&2
    for a in "$dir"/findings/*; do
      [ -e "$a" ] || continue
      echo "fuzz: $f: input kept at $a; reproduce: $build/fuzz/$f $a" >&2
    done
  fi
done

if ((${#failed[@]})); then
  echo "fuzz: findings in ${failed[*]}; everything is under $work" >&2
  exit 1
fi
[ "$keep" = 1 ] || rm -rf "$work"
echo "fuzz: no findings in ${fuzzers[*]} (${seconds}s each)" >&2
