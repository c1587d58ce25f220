"""The report as a contract: every report symrange writes validates against
docs/schema/report.schema.json (docs/report.md defines the fields).

Needs `jsonschema` (pip); no torch."""
import json
import os
import pathlib
import subprocess

import pytest

jsonschema = pytest.importorskip("jsonschema", reason="pip install jsonschema to validate reports")

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs/schema/report.schema.json").read_text())


def _binary():
    b = os.environ.get("SYMRANGE_BINARY", str(ROOT / "build/symrange"))
    if not pathlib.Path(b).exists():
        pytest.skip(f"no symrange binary at {b} (build it, or set SYMRANGE_BINARY)")
    return b


def _validate(report):
    jsonschema.Draft202012Validator(SCHEMA).validate(report)


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def _golden_cases():
    return sorted(p for p in (ROOT / "tests/golden").iterdir() if (p / "input.txt").exists())


def _golden_args(case):
    """The `ARGS:` line of the case's NOTES.md (tests/golden/README.md), `%S` the case directory."""
    for line in (case / "NOTES.md").read_text().splitlines():
        if line.startswith("ARGS:"):
            return [w.replace("%S", str(case)) for w in line[len("ARGS:"):].split()]
    raise AssertionError(f"{case}/NOTES.md has no ARGS: line")


@pytest.mark.parametrize("case", _golden_cases(), ids=lambda p: p.name)
def test_every_golden_report_validates(case, tmp_path):
    args = _golden_args(case)
    out = tmp_path / "r.json"
    r = subprocess.run([_binary(), "analyze", str(case / "input.txt"), "--report", str(out), *args],
                       capture_output=True, text=True)
    assert r.returncode in (0, 1), r.stderr
    report = json.loads(out.read_text())
    _validate(report)
    assert report["schema_version"].startswith("1.")


def test_a_batch_report_with_a_bad_file_validates(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("def forward(self, x):\n    return (\n")
    out = tmp_path / "batch.json"
    r = subprocess.run([_binary(), "verify", str(ROOT / "tests/golden"), str(bad), "--report", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 1, r.stderr  # the bad file
    report = json.loads(out.read_text())
    _validate(report)
    assert report["summary"]["malformed"] == 1


def test_the_schema_rejects_what_the_contract_forbids():
    # A test that cannot fail is a defect: a report with a made-up verdict must not validate.
    report = {"schema_version": "1.0", "file": "f", "inputs": "unchecked", "checks": [
        {"node": "a", "graph": "forward", "kind": "check", "expr": "u0 >= 0", "verdict": "maybe",
         "removed": False}], "branches": [], "ranges": {}, "summary": {}, "stats": {}, "warnings": []}
    with pytest.raises(jsonschema.ValidationError):
        _validate(report)
