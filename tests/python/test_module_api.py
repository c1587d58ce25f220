"""The Python module: analyze (text, path, .pt2), optimize_pt2, optimize(ep), and the FX pass
on ep.graph_module and on make_fx graphs, each checked by running original and optimized."""
import pytest

from pt2_support import FIXTURES, models, same_behaviour, symrange_module, torch_or_skip


def test_analyze_text_path_and_pt2_agree():
    sr = symrange_module()
    text = (FIXTURES / "checks_cond.txt").read_text()
    # the cond `s77 > 2` is decided by the entry check of `x` (s77 >= 3): inputs="checked"
    a = sr.analyze(text, inputs="checked")
    b = sr.analyze(FIXTURES / "checks_cond.txt", inputs="checked")
    c = sr.analyze(str(FIXTURES / "checks_cond.pt2"), inputs="checked")
    assert [x.verdict for x in sr.analyze(text).branches] == ["open"]  # unchecked: nothing checks x
    for r in (a, b, c):
        assert [x.verdict for x in r.checks] == ["required", "required", "redundant"]
        assert [x.verdict for x in r.branches] == ["true"]
        assert r.ranges["u0"] == (0, 99)
        assert r.checks[2].removed and "redundant" in r.checks[2].explanation
        assert "ExportedProgram:" in r.optimized
    assert a.check("_assert_scalar_default_2").verdict == "redundant"


def test_bad_input_raises_input_error():
    sr = symrange_module()
    with pytest.raises(sr.InputError, match=r"<string>:1:1: error: "):
        sr.analyze("this is not a program(")
    with pytest.raises(ValueError, match="AOTInductor"):
        sr.analyze(FIXTURES / "executorch_preprocess_aoti_b4277d63.pt2")


@pytest.mark.parametrize("index", range(4))
def test_optimize_pt2_and_optimize_ep(tmp_path, index):
    torch = torch_or_skip()
    sr = symrange_module()
    name, module, args, dyn, make = models()[index]
    ep = torch.export.export(module, args, dynamic_shapes=dyn)
    src, dst = tmp_path / "m.pt2", tmp_path / "m.opt.pt2"
    torch.export.save(ep, src)
    report = sr.optimize_pt2(src, dst)
    assert report.summary["nodes_out"] <= report.summary["nodes_in"]
    same_behaviour(ep.module(), torch.export.load(dst).module(), make)
    ep2 = sr.optimize(ep)
    assert len(list(ep2.graph.nodes)) <= len(list(ep.graph.nodes))
    same_behaviour(ep.module(), ep2.module(), make)


@pytest.mark.parametrize("index", range(4))
def test_fx_optimize_on_exported_graph_module(index):
    torch = torch_or_skip()
    sr = symrange_module()
    name, module, args, dyn, make = models()[index]
    ep = torch.export.export(module, args, dynamic_shapes=dyn)
    reference = torch.export.export(module, args, dynamic_shapes=dyn).module()
    removed = sr.fx.optimize(ep.graph_module, range_constraints=ep.range_constraints)
    if name == "checks":  # redundant whatever the inputs guarantee
        assert [r for r in removed if r.startswith("_assert_scalar")]
    names = {n.name for n in ep.graph_module.graph.nodes}
    assert not names & set(removed)
    same_behaviour(reference, ep.module(), make)


def test_fx_optimize_on_make_fx_graph():
    torch = torch_or_skip()
    sr = symrange_module()
    from torch.fx.experimental.proxy_tensor import make_fx

    def f(x, y):
        n = y.item()
        check = torch.ops.aten._assert_scalar.default  # make_fx records these calls as nodes
        check(n >= 0, "n >= 0")
        check(n <= 50, "n <= 50")
        check(n >= -10, "n >= -10")   # redundant
        check(n < 60, "n < 60")       # redundant
        return x.new_zeros(n).sum() + x.sum()

    gm = make_fx(f, tracing_mode="symbolic")(torch.randn(4), torch.tensor(3))
    before = [n.name for n in gm.graph.nodes]
    removed = sr.fx.optimize(gm)
    assert set(removed) <= set(before)
    checks_before = sum("_assert_scalar" in n for n in before)
    checks_after = sum("_assert_scalar" in n.name for n in gm.graph.nodes)
    assert checks_after == checks_before - 2
    same_behaviour(make_fx(f, tracing_mode="symbolic")(torch.randn(4), torch.tensor(3)), gm,
                   lambda n, k: (torch.randn(max(n, 0)), torch.tensor(k)))
