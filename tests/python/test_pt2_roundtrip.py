"""`symrange analyze m.pt2 -o m.opt.pt2` on real torch exports: the result loads with
torch.export.load and behaves as the original on many inputs; the removed checks are gone."""
import json

import pytest

from pt2_support import FIXTURES, models, run_cli, same_behaviour, torch_or_skip


@pytest.mark.parametrize("index", range(4))
def test_analyze_o_pt2_loads_and_behaves_the_same(tmp_path, index):
    torch = torch_or_skip()
    name, module, args, dyn, make = models()[index]
    ep = torch.export.export(module, args, dynamic_shapes=dyn)
    src, dst, rep = tmp_path / f"{name}.pt2", tmp_path / f"{name}.opt.pt2", tmp_path / "r.json"
    torch.export.save(ep, src)
    r = run_cli("analyze", str(src), "-o", str(dst), "--report", str(rep))
    assert r.returncode == 0, r.stderr
    report = json.loads(rep.read_text())
    optimized = torch.export.load(dst)
    original = torch.export.load(src)
    assert same_behaviour(original.module(), optimized.module(), make) > 0
    # what was removed is gone from the archive, what was kept is still there
    code = optimized.graph_module.code
    for c in report["checks"]:
        if c["graph"] == "forward":
            assert (c["node"] + " =" in code) != c["removed"], c["node"]
    if name == "checks":  # redundant whatever the inputs guarantee (n >= -3 after n >= 0)
        assert sum(c["removed"] for c in report["checks"]) >= 1


def test_unchanged_program_is_copied_byte_for_byte(tmp_path):
    dst = tmp_path / "linear.pt2"
    src = FIXTURES / "executorch_pt2_archive_linear.pt2"
    r = run_cli("analyze", str(src), "-o", str(dst))
    assert r.returncode == 0, r.stderr
    assert dst.read_bytes() == src.read_bytes()


@pytest.mark.parametrize("name", ["checks_cond", "nested", "multi_out", "cond_false"])
def test_fixtures_optimized_load_in_torch(tmp_path, name):
    torch = torch_or_skip()
    dst = tmp_path / f"{name}.opt.pt2"
    r = run_cli("analyze", str(FIXTURES / f"{name}.pt2"), "-o", str(dst))
    assert r.returncode == 0, r.stderr
    a = torch.export.load(FIXTURES / f"{name}.pt2").module()
    b = torch.export.load(dst).module()
    if name == "cond_false":
        make = lambda n, k: (torch.randn(n),)  # noqa: E731
    else:
        make = lambda n, k: (torch.randn(n), torch.tensor(k))  # noqa: E731
    same_behaviour(a, b, make)


def test_aoti_package_rejected():
    r = run_cli("analyze", str(FIXTURES / "executorch_preprocess_aoti_b4277d63.pt2"))
    assert r.returncode == 2
    assert ": error: an AOTInductor package" in r.stderr


def test_truncated_archive_is_an_error_not_a_crash(tmp_path):
    data = (FIXTURES / "checks_cond.pt2").read_bytes()
    for cut in (10, len(data) // 3, len(data) - 30):
        p = tmp_path / "cut.pt2"
        p.write_bytes(data[:cut])
        r = run_cli("analyze", str(p))
        assert r.returncode == 2, (cut, r.stderr)
        assert r.stderr.startswith(f"{p}: error: ")
