#!/usr/bin/env bash
# scripts/campaign.sh — a long differential campaign (docs/testing.md): builds test_engine, then
# runs chunks of 1000 generated programs with successive seeds until the time is up (the last
# chunk is finished), one log per chunk and a tally at the end. Exits 1 if any chunk failed.
# Usage: scripts/campaign.sh [MINUTES=30] [FIRST_SEED=100000] [OUTDIR=campaign-<first seed>]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-30}
seed=${2:-100000}
out=${3:-campaign-$seed}
chunk=${CHUNK:-1000}

TARGETS=test_engine scripts/setup.sh
binary="${BUILD_DIR:-build}/tests/test_engine"
mkdir -p "$out"
end=$(($(date +%s) + minutes * 60))
failed=0
echo "campaign: ${minutes} min from seed $seed, chunks of $chunk, logs in $out/"
while [ "$(date +%s)" -lt "$end" ]; do
  start=$(date +%s)
  rc=0
  SYMRANGE_DIFF_PROGRAMS=$chunk SYMRANGE_DIFF_SEED=$seed "$binary" -tc='differential*' \
    >"$out/chunk_$seed.log" 2>&1 || rc=$?
  echo "seed $seed: rc=$rc, $(($(date +%s) - start)) s" | tee -a "$out/summary.txt"
  [ "$rc" = 0 ] || failed=1
  seed=$((seed + chunk))
done
# the closing messages of the test: programs, runs, witnesses confirmed, inconclusive
shopt -s nullglob
logs=("$out"/chunk_*.log)
cat /dev/null "${logs[@]}" | { grep -h "MESSAGE: differential:" || true; } |
  sed 's/.*MESSAGE: differential: //' |
  awk '{p += $1; r += $3; w += $7; i += $9}
       END {printf "total: %d programs, %d runs, %d witnesses confirmed, %d inconclusive\n", p, r, w, i}' |
  tee -a "$out/summary.txt"
if [ "$failed" = 1 ]; then
  echo "FAILED chunks: see the ERROR lines in $out/chunk_*.log (docs/testing.md: from a mismatch to a test)"
  exit 1
fi
