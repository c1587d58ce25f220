"""symrange: symbolic range analysis of torch.export programs.

    import symrange
    report = symrange.analyze(str(ep))            # printed text, a file path or a .pt2 path
    report.checks[0].verdict                       # 'redundant', 'required', 'fails', ...
    report.optimized                               # the optimized program as text
    symrange.optimize_pt2("m.pt2", "m.opt.pt2")    # an archive in, an archive out
    ep2 = symrange.optimize(ep)                    # an ExportedProgram in and out (needs torch)
    removed = symrange.fx.optimize(gm)             # an FX pass on a GraphModule (needs torch)
    symrange.batch.verify(["models/"], engine="dask", address="tcp://HOST:8786")  # a cluster run

torch is imported only by `optimize` and `symrange.fx`, dask only by `symrange.batch.verify`.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from . import _native
from ._native import InputError

__all__ = ["analyze", "optimize_pt2", "optimize", "Report", "Check", "Branch", "InputError", "fx", "batch"]


@dataclass
class Check:
    """A run-time check or range constraint and its verdict."""

    node: str
    graph: str
    kind: str
    expr: str | None
    verdict: str
    removed: bool
    explanation: str = ""
    raw: dict = field(default_factory=dict, repr=False)


@dataclass
class Branch:
    """A `cond` and whether its predicate is decided."""

    node: str
    graph: str
    predicate: str | None
    verdict: str
    pruned: bool
    live_branch: str | None = None
    explanation: str = ""
    raw: dict = field(default_factory=dict, repr=False)


@dataclass
class Report:
    """What `analyze` found (the JSON report of the CLI as Python objects) and the result."""

    file: str
    checks: list[Check]
    branches: list[Branch]
    ranges: dict[str, tuple[int | None, int | None]]
    summary: dict[str, Any]
    optimized: str
    warnings: list[str]
    json: dict = field(repr=False, default_factory=dict)
    remaining: list[str] = field(repr=False, default_factory=list)

    def check(self, node: str) -> Check | None:
        return next((c for c in self.checks if c.node == node), None)

    def branch(self, node: str) -> Branch | None:
        return next((b for b in self.branches if b.node == node), None)


def _report(d: dict) -> Report:
    j = json.loads(d["report"])
    expl = {tuple(k.split("\n", 1)): v for k, v in d["explanations"]}
    checks = [Check(c["node"], c["graph"], c.get("kind", ""), c.get("expr"), c["verdict"],
                    bool(c.get("removed")), expl.get((c["node"], c["graph"]), ""), c)
              for c in j.get("checks", [])]
    branches = [Branch(b["node"], b["graph"], b.get("predicate"), b["verdict"],
                       bool(b.get("pruned")), b.get("live_branch"),
                       expl.get((b["node"], b["graph"]), ""), b)
                for b in j.get("branches", [])]
    ranges = {k: (v[0], v[1]) for k, v in j.get("ranges", {}).items()}
    return Report(j.get("file", ""), checks, branches, ranges, j.get("summary", {}),
                  d["optimized"], list(d["warnings"]), j, list(d["remaining"]))


def _is_path(x: Any) -> bool:
    if isinstance(x, os.PathLike):
        return True
    return isinstance(x, str) and "\n" not in x and len(x) < 4096 and os.path.isfile(x)


def analyze(text_or_path: str | os.PathLike, *, budget: int = 0,
            constraint_semantics: str = "aten", inputs: str = "unchecked",
            file: str = "<string>") -> Report:
    """Analyses a program: printed text (`str(ep)`, `gm.code`, `print_readable()`), or the path
    of a text file or of a `.pt2` archive. Raises InputError on malformed input.

    `inputs` is the input model (docs/input-model.md): "unchecked" (the default, sound for every
    consumer) or "checked" (the program runs through `ep.module()`, whose entry check enforces
    the range constraints of input dims)."""
    if _is_path(text_or_path):
        d = _native.analyze_file(os.fspath(text_or_path), budget, constraint_semantics, inputs)
    else:
        d = _native.analyze_text(str(text_or_path), file, budget, constraint_semantics, inputs)
    return _report(d)


def optimize_pt2(src: str | os.PathLike, dst: str | os.PathLike, *, budget: int = 0,
                 constraint_semantics: str = "aten", inputs: str = "unchecked") -> Report:
    """Reads the archive `src` (torch.export.save), writes the optimized program to `dst` in the
    same layout and schema version, and returns the report. `inputs="checked"` when the program
    will run through `torch.export.load(dst).module()` (docs/input-model.md)."""
    return _report(_native.optimize_pt2(os.fspath(src), os.fspath(dst), budget,
                                        constraint_semantics, inputs))


def optimize(ep, **options):
    """An ExportedProgram in, the optimized ExportedProgram out (through a `.pt2` round trip)."""
    import tempfile

    import torch

    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "model.pt2")
        dst = os.path.join(d, "model.opt.pt2")
        torch.export.save(ep, src)
        optimize_pt2(src, dst, **options)
        return torch.export.load(dst)


from . import fx  # noqa: E402  (torch is imported inside its functions only)


def __getattr__(name: str):
    # `symrange.batch` on first use: `python3 -m symrange.batch` must find it not yet imported
    if name == "batch":
        import importlib

        return importlib.import_module(".batch", __name__)
    raise AttributeError(f"module 'symrange' has no attribute {name!r}")
