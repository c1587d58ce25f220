"""symrange.fx: the analysis as an FX pass.

    removed = symrange.fx.optimize(gm)   # gm: a torch.fx.GraphModule (ep.graph_module, make_fx)

The module's `print_readable()` text is analysed; the checks the report removes are erased from
the root graph with the pure nodes only they used, `cond`s whose predicate is decided are
replaced by their live branch inlined, and the module is recompiled. Repeats until nothing
changes (a branch inlined may hold checks or conds of its own). Returns the names removed.
Checks inside branches that stay are kept (always sound).
"""
from __future__ import annotations

import math
import operator

from . import analyze

__all__ = ["optimize"]

_PURE_ATEN = {"sym_size", "sym_stride", "sym_numel", "sym_storage_offset"}


def _pure(node) -> bool:
    import torch

    if node.op != "call_function":
        return False
    t = node.target
    if getattr(t, "__module__", None) in ("_operator", "operator", "math"):
        return True
    if t in (torch.sym_max, torch.sym_min, torch.sym_not, torch.sym_int, torch.sym_float,
             torch.sym_ite, getattr(torch, "sym_sum", None)):
        return True
    if isinstance(t, torch._ops.OpOverload) and t.namespace == "aten":
        return t._schema.name.split("::")[-1] in _PURE_ATEN
    return False


def _erase_dead(graph, candidates) -> list[str]:
    removed = []
    work = list(candidates)
    while work:
        n = work.pop()
        if n.graph is not graph or n.users or not _pure(n):
            continue
        inputs = list(n.all_input_nodes)
        removed.append(n.name)
        graph.erase_node(n)
        work.extend(inputs)
    return removed


def _fresh_attr(gm, base: str) -> str:
    name, i = base, 0
    while hasattr(gm, name):
        i += 1
        name = f"{base}_{i}"
    return name


def _inline(gm, node, live: str) -> list[str] | None:
    """Replaces cond `node` by sub-module `live` inlined; None when that cannot be done."""
    import torch

    graph = gm.graph
    sub = getattr(gm, live, None)
    if not isinstance(sub, torch.fx.GraphModule):
        return None
    operands = node.args[3] if len(node.args) > 3 else node.kwargs.get("operands", ())
    placeholders = [n for n in sub.graph.nodes if n.op == "placeholder"]
    if len(placeholders) != len(operands):
        return None
    users = list(node.users)
    if any(u.op != "call_function" or u.target is not operator.getitem or
           not isinstance(u.args[1], int) for u in users):
        return None
    val_map = dict(zip(placeholders, operands))
    with graph.inserting_before(node):
        for n in sub.graph.nodes:  # attributes of the branch (nested conds) move to gm
            if n.op == "get_attr":
                value = getattr(sub, n.target)
                new = _fresh_attr(gm, n.target)
                if isinstance(value, torch.nn.Module):
                    gm.add_submodule(new, value)
                else:
                    setattr(gm, new, value)
                val_map[n] = graph.get_attr(new)
        out = graph.graph_copy(sub.graph, val_map)
    outs = out if isinstance(out, (tuple, list)) else (out,)
    removed = []
    for u in users:
        u.replace_all_uses_with(outs[u.args[1]])
        removed.append(u.name)
        graph.erase_node(u)
    attrs = [a for a in node.args[1:3] if isinstance(a, torch.fx.Node)]
    pred = node.args[0]
    removed.append(node.name)
    graph.erase_node(node)
    for a in attrs:
        if not a.users:
            target = a.target
            removed.append(a.name)
            graph.erase_node(a)
            if not any(n.op == "get_attr" and n.target == target for n in graph.nodes):
                delattr(gm, target)
    if isinstance(pred, torch.fx.Node):
        removed += _erase_dead(graph, [pred])
    return removed


def _text(gm, range_constraints) -> str:
    """The module as `print_readable` prints it; with range constraints (an ExportedProgram's
    `range_constraints`: symbol -> ValueRanges) wrapped as the ExportedProgram text, so that the
    ranges are facts of the analysis."""
    import textwrap

    text = gm.print_readable(print_output=False)
    if not range_constraints:
        return text
    entries = []
    for sym, vr in range_constraints.items():
        lo, hi = str(vr.lower), str(vr.upper)
        if lo in ("-oo", "-int_oo"):
            lo = "-int_oo"
        if hi in ("oo", "int_oo"):
            hi = "int_oo"
        entries.append(f"{sym}: VR[{lo}, {hi}]")
    return ("ExportedProgram:\n" + textwrap.indent(text, "    ") +
            "\nRange constraints: {" + ", ".join(entries) + "}\n")


def optimize(gm, *, range_constraints=None, max_rounds: int = 8, **options) -> list[str]:
    """Optimizes GraphModule `gm` in place (see the module's doc); returns the removed names.

    `range_constraints` (e.g. `ep.range_constraints` for `ep.graph_module`) are used only with
    `inputs="checked"`, and then only as the entry check of ExportedProgram.module() enforces
    them (docs/input-model.md): pass both only when the inputs are checked that way."""
    removed: list[str] = []
    for _ in range(max_rounds):
        report = analyze(_text(gm, range_constraints), file="<GraphModule>", **options)
        nodes = {n.name: n for n in gm.graph.nodes}
        changed = False
        for c in report.checks:
            n = nodes.get(c.node)
            if not c.removed or c.graph != "forward" or n is None or n.users:
                continue
            inputs = list(n.all_input_nodes)
            gm.graph.erase_node(n)
            removed.append(c.node)
            removed += _erase_dead(gm.graph, inputs)
            changed = True
        for b in report.branches:
            n = nodes.get(b.node)
            if not b.pruned or b.graph != "forward" or n is None or n.graph is not gm.graph:
                continue
            if n not in set(gm.graph.nodes):
                continue
            done = _inline(gm, n, b.live_branch)
            if done is not None:
                removed += done
                changed = True
        if not changed:
            break
    gm.graph.lint()
    gm.recompile()
    return removed
