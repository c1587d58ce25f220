"""Shared helpers of the .pt2 and module tests: where the build is, models with checks and
conds, and the differential run of an original and an optimized program."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("SYMRANGE_BUILD", ROOT / "build"))
FIXTURES = ROOT / "tests" / "fixtures" / "pt2"


def binary() -> Path:
    """The CLI: SYMRANGE_BUILD/symrange, else build/symrange, else `symrange` on PATH (pip)."""
    b = BUILD / "symrange"
    if not b.exists() and shutil.which("symrange"):
        b = Path(shutil.which("symrange"))
    if not b.exists():
        pytest.skip(f"{b} not built")
    return b


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(binary()), *args], capture_output=True, text=True, timeout=300)


def symrange_module():
    """The Python module: installed, or from the build tree."""
    try:
        import symrange  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(BUILD / "python"))
        try:
            import symrange  # noqa: F401
        except ImportError:
            pytest.skip("the symrange Python module is not built")
    import symrange

    return symrange


def torch_or_skip():
    return pytest.importorskip("torch")


def models():
    """(name, module, example args, dynamic shapes, input maker(n, k) -> args)."""
    torch = torch_or_skip()
    Dim = torch.export.Dim

    class Checks(torch.nn.Module):
        def forward(self, x, y):
            n = y.item()
            torch._check(n >= 0)
            torch._check(n < 64)
            torch._check(n >= -3)       # redundant after n >= 0
            torch._check(n <= 100)      # redundant after n < 64
            return x.new_ones(n).sum() + x.sum()

    class CondRange(torch.nn.Module):
        def forward(self, x):
            return torch.cond(x.shape[0] > 2, lambda a: a * 2, lambda a: a - 5, (x,))

    class CondData(torch.nn.Module):
        def forward(self, x, y):
            k = y.item()
            torch._check(k >= 1)
            torch._check(k <= 10)
            r = torch.cond(k > 0, lambda a: a + 1, lambda a: a - 1, (x,))
            s = torch.cond(x.sum() > 0, lambda a: a.cos(), lambda a: a.sin(), (r,))
            return s * k

    class Nested(torch.nn.Module):
        def forward(self, x, y):
            k = y.item()
            torch._check(k >= 0)
            torch._check(k <= 8)

            def t(a):
                return torch.cond(a.shape[0] >= 2, lambda b: b + 10, lambda b: b - 10, (a,))

            r = torch.cond(x.shape[0] > 3, t, lambda a: a * 0, (x,))
            return r + k

    def xy(n, k):
        return (torch.randn(n), torch.tensor(k))

    return [
        ("checks", Checks(), (torch.randn(5), torch.tensor(3)),
         {"x": {0: Dim("d", min=2, max=32)}, "y": None}, xy),
        ("cond_range", CondRange(), (torch.randn(5),), {"x": {0: Dim("d", min=3, max=32)}},
         lambda n, k: (torch.randn(n),)),
        ("cond_data", CondData(), (torch.randn(5), torch.tensor(3)),
         {"x": {0: Dim("d", min=2, max=32)}, "y": None}, xy),
        ("nested", Nested(), (torch.randn(5), torch.tensor(3)),
         {"x": {0: Dim("d", min=4, max=32)}, "y": None}, xy),
    ]


def inputs(make):
    for n in (0, 1, 2, 3, 4, 5, 8, 17, 32, 33, 40):
        for k in (-4, -1, 0, 1, 3, 8, 9, 10, 11, 63, 64, 100, 101):
            yield make(n, k)


def same_behaviour(original, optimized, make) -> int:
    """Runs both callables on many inputs: equal outputs, and the optimized one raises whenever
    the original does. Returns how many inputs ran without raising."""
    torch = torch_or_skip()
    ran = 0
    for args in inputs(make):
        try:
            want = original(*args)
        except Exception:
            with pytest.raises(Exception):
                optimized(*args)
            continue
        got = optimized(*args)
        want = want if isinstance(want, tuple) else (want,)
        got = got if isinstance(got, tuple) else (got,)
        assert len(want) == len(got)
        for a, b in zip(want, got):
            if isinstance(a, torch.Tensor):
                assert torch.allclose(a, b, equal_nan=True), (args, a, b)
            else:
                assert a == b
        ran += 1
    return ran
