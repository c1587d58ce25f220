"""`--sarif PATH` (analyze, verify): the log validates against the SARIF 2.1.0 shape in
tests/fixtures/sarif (the required properties of the objects symrange writes) and carries what
code-scanning dashboards read: the tool's name, version and rules, and per result the rule,
level, message and position.

Needs `jsonschema` (pip); no torch."""
import json
import os
import pathlib
import subprocess

import pytest

jsonschema = pytest.importorskip("jsonschema", reason="pip install jsonschema to validate SARIF logs")

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "tests/fixtures/sarif/sarif-2.1.0-subset.schema.json").read_text())

FAILS = '''ExportedProgram:
    class GraphModule(torch.nn.Module):
        def forward(self, x: "i64[]"):
            item: "Sym(u0)" = torch.ops.aten.item.default(x);  x = None
            full: "f32[u0]" = torch.ops.aten.full.default([item], 1, dtype = torch.float32, layout = torch.strided, device = device(type='cpu'), pin_memory = False)
            lt: "Sym(u0 < 0)" = item < 0;  item = None
            _assert_scalar_default = torch.ops.aten._assert_scalar.default(lt, "Runtime assertion failed for expression u0 < 0 on node 'lt'");  lt = None
            frob = torch.ops.mylib.frob.default(full)
            frob_1 = torch.ops.mylib.frob.default(full)
            return (full,)

Graph signature:
    x: USER_INPUT
    full: USER_OUTPUT
Range constraints: {u0: VR[0, int_oo]}
'''


def _binary():
    b = os.environ.get("SYMRANGE_BINARY", str(ROOT / "build/symrange"))
    if not pathlib.Path(b).exists():
        pytest.skip(f"no symrange binary at {b} (build it, or set SYMRANGE_BINARY)")
    return b


def _validate(log):
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "symrange"
    assert driver["version"]
    rule_ids = [r["id"] for r in driver["rules"]]
    for res in log["runs"][0]["results"]:
        assert res["ruleId"] in rule_ids
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning")
        assert res["message"]["text"]
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_analyze_sarif(tmp_path):
    src = tmp_path / "fails.txt"
    src.write_text(FAILS)
    out = tmp_path / "log.sarif"
    r = subprocess.run([_binary(), "analyze", str(src), "--sarif", str(out)], capture_output=True, text=True)
    assert r.returncode == 1, r.stderr
    log = json.loads(out.read_text())
    _validate(log)
    results = log["runs"][0]["results"]
    fails = [x for x in results if x["ruleId"] == "check-fails"]
    assert len(fails) == 1
    region = fails[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (7, 13)
    assert "_assert_scalar_default" in fails[0]["message"]["text"]
    assert fails[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("fails.txt")
    unsupported = [x for x in results if x["ruleId"] == "unsupported-op"]
    assert len(unsupported) == 1 and "mylib.frob" in unsupported[0]["message"]["text"]


def test_verify_sarif_with_a_bad_file(tmp_path):
    (tmp_path / "fails.txt").write_text(FAILS)
    (tmp_path / "bad.txt").write_text("def forward(self, x):\n    return (\n")
    out = tmp_path / "log.sarif"
    r = subprocess.run([_binary(), "verify", str(tmp_path), "--sarif", str(out)], capture_output=True, text=True)
    assert r.returncode == 1, r.stderr
    log = json.loads(out.read_text())
    _validate(log)
    rules = sorted(x["ruleId"] for x in log["runs"][0]["results"])
    assert rules == ["check-fails", "malformed-input", "unsupported-op"]


def test_a_clean_run_has_no_results(tmp_path):
    out = tmp_path / "log.sarif"
    r = subprocess.run([_binary(), "analyze", str(ROOT / "tests/fixtures/samples/E07.txt"), "--sarif", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    log = json.loads(out.read_text())
    _validate(log)
    assert log["runs"][0]["results"] == []
