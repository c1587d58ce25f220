"""The archives `analyze -o` writes, in every layout and schema era: no name is dangling (every
reference is defined earlier in its graph or is a graph input), every defined name has its
value-table entry, and no name is defined twice. Needs no torch."""
import json
import zipfile

import pytest

from pt2_support import FIXTURES, run_cli

TABLES = ("tensor_values", "sym_int_values", "sym_bool_values", "sym_float_values",
          "custom_obj_values")


def names(j):
    """Names inside an argument (`name` / `as_name` strings), as_graph excluded."""
    if isinstance(j, dict):
        for k, v in j.items():
            if k == "as_graph":
                continue
            if k in ("name", "as_name") and isinstance(v, str):
                yield v
            else:
                yield from names(v)
    elif isinstance(j, list):
        for x in j:
            yield from names(x)


def union(j):
    if isinstance(j, dict) and len(j) > 1:  # schema 2: every member, all but one null
        j = {k: v for k, v in j.items() if v is not None}
    return j


def check_graph(g, path):
    defined = set(names(g["inputs"]))
    for i, n in enumerate(g["nodes"]):
        for inp in n["inputs"]:
            arg = union(inp["arg"])
            for ref in names(arg):
                assert ref in defined, f"{path}.nodes[{i}] ({n['target']}) uses undefined {ref}"
            if "as_graph" in arg and arg["as_graph"] is not None:
                check_graph(arg["as_graph"]["graph"], f"{path}.nodes[{i}]")
        for out in names(n["outputs"]):
            assert out not in defined, f"{path}: {out} defined twice"
            defined.add(out)
            assert any(out in (g.get(t) or {}) for t in TABLES), f"{path}: no entry for {out}"
    for ref in names(g["outputs"]):
        assert ref in defined, f"{path}.outputs uses undefined {ref}"


def model_json(path):
    with zipfile.ZipFile(path) as z:
        member = next(n for n in z.namelist()
                      if n.endswith("serialized_exported_program.json") or
                      ("/models/" in n and n.endswith(".json")))
        return json.loads(z.read(member))


@pytest.mark.parametrize("name", ["checks_cond", "nested", "multi_out", "cond_false"])
@pytest.mark.parametrize("ext", [".pt2", ".v7.ep", ".v2.ep"])
def test_written_archives_have_no_dangling_names(tmp_path, name, ext):
    src = FIXTURES / (name + ext)
    dst = tmp_path / (name + ext)
    r = run_cli("analyze", str(src), "-o", str(dst))
    assert r.returncode == 0, r.stderr
    before, after = model_json(src), model_json(dst)
    check_graph(before["graph_module"]["graph"], "graph_module.graph")
    check_graph(after["graph_module"]["graph"], "graph_module.graph")
    assert after["schema_version"] == before["schema_version"]
    outs = list(names(after["graph_module"]["graph"]["outputs"]))
    specs = [list(names(s)) for s in after["graph_module"]["signature"]["output_specs"]]
    assert len(specs) == len(outs)
    for o, s in zip(outs, specs):
        assert o in s
