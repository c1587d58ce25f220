# tests/python/test_real_differential.py — the differential test on programs torch exports.
#
# For every case of tests/real/models.py (the zoo and the ExportDB examples): export it, analyse
# the printed program (`print(ep)`, or print_readable for make_fx graphs) with the real CLI under
# each input model, rebuild the optimized program as a torch.fx graph (erase what the optimized
# program no longer has, inline the live arm of every decided cond), and run original and
# rewritten on many inputs: random values and sizes (0 and 1 included), inputs built from every
# witness of the report, and values at the boundaries of every check. The rewritten program must
# return the same outputs, and must raise whenever the original raises.
#
#   unchecked  the graph module runs on the flat inputs, no entry check (AOTInductor, make_fx...)
#   checked    the entry check of ExportedProgram (`_check_input_constraints_for_graph`, what
#              `ep.module()` runs on every call) first, then the graph module. Not `ep.module()`
#              itself: with check_guards=True (its default) it also runs `_guards_fn`, which
#              checks more than the `checked` model promises, and would hide an over-claim.
#
# A mismatch is a soundness bug of the engine; the failure prints a reproducer.
# SYMRANGE_REAL_INPUTS (default 40) sets the number of random inputs per case and input model.
import copy
import json
import math
import operator
import os
import random
import re
import subprocess
import sys
import tempfile

import pytest

from conftest import ROOT, require_torch

torch = require_torch()

import torch.fx  # noqa: E402
from torch.utils import _pytree as pytree  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "real"))
import models as _models_loader  # noqa: E402

ZOO = _models_loader.load()
CASES = ZOO.all_cases()
N_RANDOM = int(os.environ.get("SYMRANGE_REAL_INPUTS", "40"))

# ---------------------------------------------------------------------------------------------
# Running the CLI


def analyze(symrange, text, mode, options):
    """(optimized program, report) of `symrange analyze` on `text` under input model `mode`."""
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "ep.txt")
        rep = os.path.join(d, "report.json")
        with open(src, "w") as f:
            f.write(text)
        cmd = [symrange, "analyze", src, "--report", rep]
        if "--inputs" in options:
            cmd += ["--inputs", mode]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        assert p.returncode in (0, 1), f"{' '.join(cmd)} exited {p.returncode}: {p.stderr}"
        with open(rep) as f:
            return p.stdout, json.load(f)


# ---------------------------------------------------------------------------------------------
# The optimized program as a graph module


def graph_names(printed):
    """Node names per graph ("forward", "true_graph_0", "true_graph_0/false_graph_0") of a
    program in the readable / print(ep) form."""
    names = {}
    stack = []  # (indent, class name)
    for line in printed.splitlines():
        m = re.match(r"^(\s*)class ([\w<>]+)\(torch\.nn\.Module\):", line)
        if m:
            ind = len(m.group(1))
            while stack and stack[-1][0] >= ind:
                stack.pop()
            stack.append((ind, m.group(2)))
            continue
        m = re.match(r"^(\s*)(\w+)(?:: \"[^\"]*\")? = ", line)
        if m and stack:
            ind = len(m.group(1))  # a node sits 8 columns right of its class (def forward: 4)
            while len(stack) > 1 and stack[-1][0] > ind - 8:
                stack.pop()
            path = "/".join(c for _, c in stack[1:]) or "forward"
            names.setdefault(path, set()).add(m.group(2))
    return names


def submodule(gm, path):
    g = gm
    if path != "forward":
        for part in path.split("/"):
            g = getattr(g, part)
    return g


def find_node(g, name):
    for n in g.graph.nodes:
        if n.name == name:
            return n
    raise AssertionError(f"node {name} not in graph")


def inline_cond(owner, cond, live_attr):
    """Replaces `cond` (and its getitems) in owner's graph by a copy of the live arm."""
    graph = owner.graph
    _, tnode, fnode, operands = cond.args[:4]
    live_node = tnode if tnode.target == live_attr else fnode
    assert live_node.target == live_attr, (live_attr, tnode.target, fnode.target)
    arm = getattr(owner, live_attr)
    env = {}
    outs = None
    placeholders = [n for n in arm.graph.nodes if n.op == "placeholder"]
    assert len(placeholders) == len(operands), "cond arm arity"
    for ph, op in zip(placeholders, operands):
        env[ph] = op
    with graph.inserting_before(cond):
        for n in arm.graph.nodes:
            if n.op == "placeholder":
                continue
            if n.op == "output":
                outs = n.args[0]
                break
            if n.op == "get_attr":
                k = 0
                while hasattr(owner, f"{n.target}_inlined_{k}"):
                    k += 1
                fresh = f"{n.target}_inlined_{k}"
                owner.register_module(fresh, getattr(arm, n.target))
                env[n] = graph.get_attr(fresh)
            else:
                env[n] = graph.node_copy(n, lambda a: env[a])
    outs = [env[o] if isinstance(o, torch.fx.Node) else o for o in outs]
    for user in list(cond.users):
        assert user.op == "call_function" and user.target is operator.getitem, user.format_node()
        user.replace_all_uses_with(outs[user.args[1]])
        graph.erase_node(user)
    graph.erase_node(cond)
    for n in (tnode, fnode):
        if not n.users:
            graph.erase_node(n)


def rewrite(gm, report, optimized):
    """A copy of `gm` rebuilt as the optimized program: removed checks erased, decided conds
    inlined, then every other node the optimized program no longer has erased (dead code)."""
    new = copy.deepcopy(gm)
    original = {}
    for path, g in [("forward", new)] + [(p, m) for p, m in _subgraphs(new)]:
        original[path] = {n.name for n in g.graph.nodes}
    for c in report["checks"]:
        if c["removed"]:
            g = submodule(new, c["graph"])
            n = find_node(g, c["node"])
            assert not n.users, f"removed check {c['node']} has users"
            g.graph.erase_node(n)
    pruned = [b for b in report["branches"] if b["pruned"]]
    for b in sorted(pruned, key=lambda b: -b["graph"].count("/") - (b["graph"] != "forward")):
        owner = submodule(new, b["graph"])
        inline_cond(owner, find_node(owner, b["node"]), b["live_branch"])
    kept = graph_names(optimized)
    for c in report["checks"]:
        assert not (c["removed"] and c["node"] in kept.get(c["graph"], set())), \
            f"the report removes {c['graph']}:{c['node']} but the optimized program still has it"
    for path, names in original.items():
        try:
            g = submodule(new, path)
        except AttributeError:
            continue  # a pruned arm
        if path != "forward" and path not in kept:
            continue  # an arm inlined into its parent: its nodes now live there
        have = kept.get(path, set())
        for n in reversed(list(g.graph.nodes)):
            if n.op in ("placeholder", "output") or n.name not in names or n.name in have:
                continue
            assert not n.users, f"{path}:{n.name} is gone from the optimized program but still used"
            g.graph.erase_node(n)
    for m in new.modules():
        if isinstance(m, torch.fx.GraphModule):
            m.graph.lint()
            m.recompile()
    return new


def _subgraphs(gm, prefix=""):
    for name, m in gm.named_children():
        if isinstance(m, torch.fx.GraphModule):
            p = f"{prefix}/{name}" if prefix else name
            yield p, m
            yield from _subgraphs(m, p)


# ---------------------------------------------------------------------------------------------
# Inputs


def interesting_ints(reports):
    """Witness values and the constants of every check and predicate, with their neighbours."""
    vals = {0, 1, 2, -1}
    for r in reports:
        for c in r["checks"] + r["branches"]:
            for v in (c.get("witness") or {}).values():
                vals.add(int(v))
            for s in re.findall(r"(?<![\w.])-?\d+(?![\w.])", c.get("expr") or c.get("predicate") or ""):
                v = int(s)
                if abs(v) < 1000:
                    vals.update({v - 1, v, v + 1})
    return sorted(vals)


def _sym_name(v):
    """The symbol's name when `v` is a SymInt that is a plain symbol, else None."""
    if isinstance(v, torch.SymInt):
        e = v.node.expr
        if getattr(e, "is_Symbol", False):
            return str(e)
    return None


def input_metas(graph, n_user):
    """The meta values of the user-input placeholders (the last n_user placeholders)."""
    ph = [n for n in graph.nodes if n.op == "placeholder"]
    return [p.meta.get("val") for p in ph[len(ph) - n_user:]]


def item_symbols(graph):
    """{symbol name: placeholder name} for `item()` of an input tensor in the top graph."""
    out = {}
    for n in graph.nodes:
        if n.op == "call_function" and str(n.target) in ("aten.item.default", "aten._local_scalar_dense.default"):
            src = n.args[0]
            s = _sym_name(n.meta.get("val"))
            if s and isinstance(src, torch.fx.Node) and src.op == "placeholder":
                out[s] = src.name
    return out


def generic_sample(p, example, metas, names, fixed=None, items=None):
    """Inputs shaped like `example` (a pytree): symbolic dims get drawn sizes (one value per
    symbol, sometimes a different one per occurrence), derived dims follow their symbol, and
    `fixed` {symbol: value} (a witness) overrides sizes and item() values."""
    import sympy

    fixed = fixed or {}
    items = items or {}
    leaves, spec = pytree.tree_flatten(example)
    chosen = dict(fixed)
    out = []
    for leaf, meta, name in zip(leaves, metas, names):
        if not isinstance(leaf, torch.Tensor):
            out.append(leaf)
            continue
        shape = []
        for d, md in zip(leaf.shape, meta.shape if isinstance(meta, torch.Tensor) else leaf.shape):
            if isinstance(md, torch.SymInt):
                e = md.node.expr
                syms = {str(s): s for s in e.free_symbols}
                for s in syms:
                    if s not in chosen:
                        chosen[s] = p.size(0, 10)
                if p.rng.random() < 0.15 and not (set(syms) & set(fixed)):
                    v = p.size(0, 10)  # an occurrence that disagrees (unchecked inputs)
                else:
                    v = int(e.subs({syms[s]: chosen[s] for s in syms}))
                shape.append(max(v, 0))
            else:
                shape.append(int(d))
        if leaf.dtype.is_floating_point:
            t = p.randn(*shape).to(leaf.dtype)
        elif leaf.dtype == torch.bool:
            t = p.mask(*shape).bool()
        else:
            t = p.randint(-3, 12, *shape).to(leaf.dtype)
        for s, ph in items.items():
            if ph == name and s in fixed and t.dim() == 0:
                t = torch.tensor(fixed[s], dtype=leaf.dtype)
        out.append(t)
    return pytree.tree_unflatten(out, spec)


def clone(x):
    return pytree.tree_map(lambda v: v.clone() if isinstance(v, torch.Tensor) else v, x)


# ---------------------------------------------------------------------------------------------
# Running and comparing


class _Recorder(torch.fx.Interpreter):
    """Runs a graph node by node and remembers the node that raised."""

    failed = None

    def run_node(self, n):
        try:
            return super().run_node(n)
        except Exception:
            if self.failed is None:
                self.failed = n.name
            raise


def run(fn, flat):
    """("ok", outputs) or ("raised", message, top-level node that raised or None)."""
    rec = _Recorder(fn) if isinstance(fn, torch.fx.GraphModule) else None
    try:
        with torch.no_grad():
            return ("ok", rec.run(*clone(flat)) if rec else fn(*clone(flat)))
    except Exception as e:  # any exception: a check fired, or an op rejected its input
        msg = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
        return ("raised", msg, rec.failed if rec else None)


def same(a, b):
    la, lb = pytree.tree_leaves(a), pytree.tree_leaves(b)
    if len(la) != len(lb):
        return False
    for x, y in zip(la, lb):
        if isinstance(x, torch.Tensor) or isinstance(y, torch.Tensor):
            if not (isinstance(x, torch.Tensor) and isinstance(y, torch.Tensor)):
                return False
            if x.shape != y.shape or x.dtype != y.dtype:
                return False
            if not torch.equal(x, y):
                if not (x.dtype.is_floating_point and torch.equal(x.isnan(), y.isnan())
                        and torch.equal(torch.nan_to_num(x), torch.nan_to_num(y))):
                    return False
        elif isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y):
            continue
        elif x != y:
            return False
    return True


def flat_inputs(ep, args, kwargs, checked):
    """What ep.graph_module takes: lifted state then the flattened user inputs. `checked` runs
    ExportedProgram's entry check (`_check_input_constraints_for_graph`) first."""
    if checked:
        return ep._graph_module_flat_inputs(args, kwargs)
    saved = ep._check_input_constraints
    ep._check_input_constraints = lambda _: None
    try:
        return ep._graph_module_flat_inputs(args, kwargs)
    finally:
        ep._check_input_constraints = saved


def describe(args, kwargs):
    def one(v):
        if isinstance(v, torch.Tensor):
            return f"tensor(shape={list(v.shape)}, {v.tolist() if v.numel() <= 8 else '...'})"
        return repr(v)

    parts = [one(a) for a in pytree.tree_leaves(args)] + [f"{k}={one(v)}" for k, v in (kwargs or {}).items()]
    return ", ".join(parts)


class Traced:
    """A case traced once: its program, graph module, printed text and input layout."""

    def __init__(self, name):
        self.name = name
        self.case = c = CASES[name]
        self.prog = ZOO.trace(c)
        self.is_fx = c.kind == "make_fx"
        self.gm = self.prog if self.is_fx else self.prog.graph_module
        self.text = self.gm.print_readable(print_output=False) if self.is_fx else str(self.prog) + "\n"
        torch.manual_seed(0)
        self.example = (c.args(), c.kwargs or {})
        leaves = pytree.tree_leaves(self.example)
        self.metas = input_metas(self.gm.graph, len(leaves))
        self.ph_names = [n.name for n in self.gm.graph.nodes if n.op == "placeholder"][-len(leaves):] if leaves else []
        self.items = item_symbols(self.gm.graph)

    def inputs(self, report, mode):
        """Random inputs (the case's sampler and the generic one), then three per witness."""
        c = self.case
        p = ZOO.Picker(random.Random(f"{self.name}/{mode}"), interesting_ints([report]))
        out = []
        for _ in range(N_RANDOM):
            if c.sample is not None and p.rng.random() < 0.6:
                out.append((c.sample(p), {}))
            else:
                out.append(generic_sample(p, self.example, self.metas, self.ph_names, items=self.items))
        for k in report["checks"]:
            if k.get("witness"):
                for _ in range(3):
                    out.append(generic_sample(p, self.example, self.metas, self.ph_names, fixed=k["witness"], items=self.items))
        return out


def differential(t, report, optimized, mode, tot):
    """Runs original and rewritten on the inputs of `t` under `mode`; the mismatches."""
    new = rewrite(t.gm, report, optimized)
    redundant = {k["node"] for k in report["checks"] if k["graph"] == "forward" and k["verdict"] == "redundant"}
    failures = []
    for args, kwargs in t.inputs(report, mode):
        tot["inputs"] += 1
        if t.is_fx:
            flat = pytree.tree_leaves(args)
        else:
            try:
                flat = flat_inputs(t.prog, args, kwargs, mode == "checked")
            except Exception:
                tot["runs that raised"] += 1
                continue  # the entry check (or the input's tree shape) rejects it: both raise
        want = run(t.gm, flat)
        got = run(new, flat)
        if want[0] == "raised":
            tot["runs that raised"] += 1
        ok = (want[0] == got[0] == "raised") or (want[0] == got[0] == "ok" and same(want[1], got[1]))
        if want[0] == "raised" and want[2] in redundant:
            ok = False  # a check judged redundant fired on the original
            got = ("raised", f"but {want[2]} was judged redundant")
        if not ok:
            tot["mismatches"] += 1
            if want[0] == got[0] == "ok":
                what = f"outputs differ: original {want[1]!r}, rewritten {got[1]!r}"
            else:
                what = (f"original {want[0]}{'' if want[0] == 'ok' else ' (' + want[1] + ')'}, "
                        f"rewritten {got[0]}{'' if got[0] == 'ok' else ' (' + got[1] + ')'}")
            line = f"[{mode}] inputs ({describe(args, kwargs)}): {what}"
            if line not in failures:
                failures.append(line)
    if failures:
        removed = [f"{k['graph']}:{k['node']} ({k['expr']})" for k in report["checks"] if k["removed"]]
        decided = [f"{b['graph']}:{b['node']} ({b['predicate']} -> {b['verdict']})"
                   for b in report["branches"] if b["pruned"]]
        failures.append(f"[{mode}] removed: {removed}; decided: {decided}")
    return failures


def _totals(totals):
    return totals.setdefault("real differential", {
        "models": 0, "inputs": 0, "runs that raised": 0, "checks removed (unchecked)": 0,
        "checks removed (checked)": 0, "conds decided (unchecked)": 0, "conds decided (checked)": 0,
        "mismatches": 0})


@pytest.mark.parametrize("name", sorted(CASES))
def test_real_differential(name, symrange, symrange_options, totals):
    if not (ROOT / "tests" / "real" / name / "code.py").exists():
        pytest.skip(f"torch does not export {name} (tests/real/MANIFEST.txt)")
    tot = _totals(totals)
    t = Traced(name)
    committed = ROOT / "tests" / "real" / name / ("readable.txt" if t.is_fx else "ep.txt")
    assert committed.read_text() == t.text, (
        f"{committed} is stale: torch {torch.__version__} prints this case differently now "
        "(regenerate: python3 tests/real/generate.py, then the goldens)")
    modes = ["unchecked"] if t.is_fx or "--inputs" not in symrange_options else ["unchecked", "checked"]
    tot["models"] += 1
    failures = []
    for mode in modes:
        optimized, report = analyze(symrange, t.text, mode, symrange_options)
        tot[f"checks removed ({mode})"] += sum(1 for k in report["checks"] if k["removed"])
        tot[f"conds decided ({mode})"] += sum(1 for b in report["branches"] if b["pruned"])
        failures += differential(t, report, optimized, mode, tot)
    assert not failures, (f"{name}: the rewritten program behaves differently "
                          f"(program: tests/real/{name}/{committed.name})\n" + "\n".join(failures[:8]))


# The harness itself: a wrong removal or a wrongly decided cond must be caught (else the suite
# above could pass vacuously). The report is forged; the program is the CLI's own output.


def _forge(report, optimized, check=None, cond=None):
    report = copy.deepcopy(report)
    lines = optimized.splitlines(keepends=True)
    for k in report["checks"]:
        if k["node"] == check:
            k["removed"], k["verdict"] = True, "redundant"
            lines = [ln for ln in lines if not re.match(rf"^\s*{check} = ", ln)]
    for b in report["branches"]:
        if b["node"] == cond:
            b["pruned"], b["verdict"], b["live_branch"] = True, "true", "true_graph_0"
    return report, "".join(lines)


@pytest.mark.parametrize("name, check, cond", [
    ("item_range", "_assert_scalar_default", None),        # u0 >= 0 wrongly removed
    ("deferred_lower_bound", "_assert_scalar_default", None),  # s77 >= 5 under unchecked
    ("cond_shared_dim", None, "cond"),                      # y.shape[0] >= 1 wrongly decided
])
def test_harness_catches_a_wrong_rewrite(name, check, cond, symrange, symrange_options):
    t = Traced(name)
    optimized, report = analyze(symrange, t.text, "unchecked", symrange_options)
    forged, text = _forge(report, optimized, check, cond)
    scratch = {"inputs": 0, "runs that raised": 0, "mismatches": 0}
    failures = differential(t, forged, text, "unchecked", scratch)
    assert scratch["mismatches"] > 0, f"the harness missed a forged wrong rewrite of {name}"
