#!/usr/bin/env bash
# scripts/demo.sh — sets everything up, then runs `symrange analyze` on the bundled seed example
# (ExportDB's constrain_as_size_example): prints the optimized program and the JSON report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
example=examples/constrain_as_size_example.txt
echo "== input: $example"
cat "$example"
echo
echo "== symrange analyze $example"
build/symrange analyze "$example" --report build/constrain_as_size_example.report.json
echo
echo "== report (build/constrain_as_size_example.report.json)"
cat build/constrain_as_size_example.report.json
