# tests/real/models.py — the zoo of small programs that torch 2.13 exports for tests/real/.
#
# Each case is an nn.Module with its example inputs, its dynamic_shapes, and a sampler that
# draws inputs for the differential test (tests/python/test_real_differential.py). Samplers
# draw through a Picker, which prefers the interesting integers (0, 1, -1, range ends, and the
# constants of the program's checks and witnesses handed in by the test) over uniform values.
# `kind` is "export" (torch.export.export, strict=False) or "make_fx" (symbolic tracing).
#
# Requires torch; only tests/real/generate.py and the pytest suite import it.
from __future__ import annotations

import dataclasses
import importlib.util
import random
from typing import Any, Callable

import torch
from torch.export import Dim


class Picker:
    """Draws integers and tensors, favouring interesting values."""

    def __init__(self, rng: random.Random, interesting=()):
        self.rng = rng
        self.interesting = sorted(set(int(v) for v in interesting))

    def int(self, lo: int, hi: int) -> int:
        """An integer in [lo, hi] (inclusive)."""
        special = [v for v in self.interesting + [lo, hi, lo + 1, hi - 1, 0, 1, -1, 2] if lo <= v <= hi]
        if special and self.rng.random() < 0.6:
            return self.rng.choice(special)
        return self.rng.randint(lo, hi)

    def size(self, lo: int = 0, hi: int = 12) -> int:
        return self.int(lo, hi)

    def randn(self, *shape) -> torch.Tensor:
        g = torch.Generator().manual_seed(self.rng.randrange(1 << 30))
        return torch.randn(tuple(shape), generator=g)

    def randint(self, lo: int, hi: int, *shape) -> torch.Tensor:
        """Integer tensor with values in [lo, hi]; scalars favour interesting values."""
        if shape == ():
            return torch.tensor(self.int(lo, hi))
        g = torch.Generator().manual_seed(self.rng.randrange(1 << 30))
        return torch.randint(lo, hi + 1, tuple(shape), generator=g)

    def mask(self, *shape) -> torch.Tensor:
        """A boolean-ish float tensor whose nonzero count varies (all zero and all one too)."""
        p = self.rng.choice([0.0, 1.0, 0.5, 0.2, 0.8])
        g = torch.Generator().manual_seed(self.rng.randrange(1 << 30))
        return (torch.rand(tuple(shape), generator=g) < p).to(torch.float32)


@dataclasses.dataclass
class Case:
    name: str
    module: Callable[[], torch.nn.Module]
    args: Callable[[], tuple]
    dynamic_shapes: Any = None
    sample: Callable[[Picker], tuple] | None = None
    kind: str = "export"  # or "make_fx"
    prepare: Callable[[tuple], None] | None = None  # e.g. mark_unbacked on the example inputs
    source: str = "zoo"  # "zoo" or "exportdb"
    kwargs: dict = dataclasses.field(default_factory=dict)
    export_options: dict = dataclasses.field(default_factory=dict)  # e.g. strict=True


CASES: dict[str, Case] = {}


def case(args, dynamic_shapes=None, sample=None, kind="export", prepare=None, name=None, **export_options):
    def wrap(cls):
        n = name or _snake(cls.__name__)
        assert n not in CASES, n
        CASES[n] = Case(n, cls, args, dynamic_shapes, sample, kind, prepare, export_options=export_options)
        return cls
    return wrap


def _snake(s: str) -> str:
    out = ""
    for i, ch in enumerate(s):
        if ch.isupper() and i:
            out += "_"
        out += ch.lower()
    return out


def t(*v, dtype=None):
    return torch.tensor(v[0] if len(v) == 1 else list(v), dtype=dtype)


# ---------------------------------------------------------------------------------------------
# item() on int and float tensors


@case(args=lambda: (t(4),), sample=lambda p: (p.randint(-3, 14),))
class ItemRange(torch.nn.Module):
    def forward(self, x):
        a = x.item()
        torch._check(a >= 0)
        torch._check(a <= 10)
        return torch.zeros(a) + 1


@case(args=lambda: (t(5),), sample=lambda p: (p.randint(-3, 12),))
class ItemImpliedChecks(torch.nn.Module):
    def forward(self, x):
        a = x.item()
        torch._check(a >= 2)
        torch._check(a >= 0)
        torch._check(a > 1)
        torch._check(a != 0)
        return torch.ones(a)


@case(args=lambda: (t(3),), sample=lambda p: (p.randint(-4, 10),))
class ItemCheckIsSize(torch.nn.Module):
    def forward(self, x):
        a = x.item()
        torch._check_is_size(a)
        torch._check(a >= 0)
        return torch.ones(a, 2).sum(0)


@case(args=lambda: (t(2.5),), sample=lambda p: (torch.tensor(p.rng.choice([-1.0, 0.0, 0.5, 2.5, 1e3])),))
class ItemFloat(torch.nn.Module):
    def forward(self, x):
        f = x.item()
        return x * f + 1


@case(args=lambda: (t(2.5), t(3)), sample=lambda p: (torch.tensor(p.rng.choice([-2.0, 0.0, 1.5, 4.0])), p.randint(-2, 9)))
class ItemFloatAndInt(torch.nn.Module):
    def forward(self, x, n):
        f = x.item()
        a = n.item()
        torch._check(a >= 1)
        torch._check(a < 8)
        return torch.full((a,), f)


@case(args=lambda: (t(6),), sample=lambda p: (p.randint(-5, 20),))
class ItemArith(torch.nn.Module):
    def forward(self, x):
        a = x.item()
        torch._check(a >= 1)
        b = 2 * a + 3
        torch._check(b >= 5)
        torch._check(b > 0)
        torch._check(a // 2 >= 0)
        return torch.zeros(b)


@case(args=lambda: (t(7),), sample=lambda p: (p.randint(-9, 30),))
class ItemFloordivMod(torch.nn.Module):
    def forward(self, x):
        a = x.item()
        torch._check(a >= 0)
        torch._check(a <= 20)
        q = a // 3
        r = a % 4
        torch._check(q <= 6)
        torch._check(r < 4)
        torch._check(r >= 0)
        return torch.zeros(q + r)


@case(args=lambda: (t(2), t(5)), sample=lambda p: (p.randint(-2, 8), p.randint(-2, 8)))
class ItemTwoValues(torch.nn.Module):
    def forward(self, x, y):
        a = x.item()
        b = y.item()
        torch._check(a >= 0)
        torch._check(a < b)
        torch._check(a <= b)
        torch._check(b >= 1)
        return torch.zeros(a) .sum() + torch.zeros(b).sum()


@case(args=lambda: (t(2), torch.randn(6)), dynamic_shapes={"i": None, "y": {0: Dim("n", min=1, max=32)}},
      sample=lambda p: (p.randint(-8, 8), p.randn(p.size(0, 8))))
class ItemSelect(torch.nn.Module):
    def forward(self, i, y):
        a = i.item()
        return y[a] * 2


@case(args=lambda: (t(3), torch.randn(8)), dynamic_shapes={"k": None, "y": {0: Dim("n")}},
      sample=lambda p: (p.randint(-3, 12), p.randn(p.size(0, 10))))
class ItemSliceHead(torch.nn.Module):
    def forward(self, k, y):
        a = k.item()
        torch._check(a >= 0)
        torch._check(a <= y.shape[0])
        return y[:a].sum() + y.narrow(0, 0, a).sum()


@case(args=lambda: (t(4),), sample=lambda p: (p.randint(-2, 9),))
class ItemRepeatedChecks(torch.nn.Module):
    def forward(self, x):
        a = x.item()
        torch._check(a >= 3)
        torch._check(a <= 7)
        torch._check(a >= 3)
        torch._check(a <= 7)
        torch._check(a * a <= 49)
        return torch.zeros(a, a)


@case(args=lambda: (t(1), t(2), t(3)), sample=lambda p: (p.randint(-2, 25), p.randint(-2, 25), p.randint(-2, 25)))
class ItemTransitive(torch.nn.Module):
    def forward(self, x, y, w):
        a = x.item()
        b = y.item()
        c = w.item()
        torch._check(a >= 0)
        torch._check(a < b)
        torch._check(b < c)
        torch._check(a < c)
        torch._check(a + b <= 20)
        torch._check(b <= 20)
        return torch.zeros(a + c)


# ---------------------------------------------------------------------------------------------
# nonzero and other data-dependent sizes


@case(args=lambda: (torch.tensor([1.0, 0.0, 2.0, 0.0, 3.0]),), dynamic_shapes={"x": {0: Dim("n")}},
      sample=lambda p: (p.mask(p.size(0, 9)),))
class NonzeroCount(torch.nn.Module):
    def forward(self, x):
        nz = x.nonzero()
        n = nz.shape[0]
        torch._check(n >= 0)
        torch._check(n <= x.shape[0])
        return nz.sum() + n


@case(args=lambda: (torch.tensor([1.0, 0.0, 2.0, 5.0]),),
      sample=lambda p: (p.mask(4),))
class NonzeroStatic(torch.nn.Module):
    def forward(self, x):
        nz = torch.nonzero(x)
        torch._check(nz.shape[0] <= 4)
        return nz.view(-1) * 2


@case(args=lambda: (torch.tensor([[1.0, 0.0], [2.0, 3.0]]),), dynamic_shapes={"x": {0: Dim("r"), 1: Dim("c")}},
      sample=lambda p: (p.mask(p.size(0, 5), p.size(0, 5)),))
class NonzeroView(torch.nn.Module):
    def forward(self, x):
        nz = x.nonzero()
        flat = nz.reshape(-1)
        return flat.view(-1, 2).sum(1)


@case(args=lambda: (torch.tensor([1.0, 0.0, 2.0, 3.0]), torch.tensor([0.0, 4.0, 0.0])),
      dynamic_shapes={"x": {0: Dim("n")}, "y": {0: Dim("m")}},
      sample=lambda p: (p.mask(p.size(0, 7)), p.mask(p.size(0, 7))))
class NonzeroCat(torch.nn.Module):
    def forward(self, x, y):
        a = x.nonzero()
        b = y.nonzero()
        c = torch.cat([a, b])
        torch._check(c.shape[0] == a.shape[0] + b.shape[0])
        torch._check(c.shape[0] >= a.shape[0])
        return c.sum(0)


@case(args=lambda: (torch.tensor([1.0, 0.0, 2.0, 3.0, 4.0, 0.0]),),
      sample=lambda p: (p.mask(6),))
class MaskedSelectSplit(torch.nn.Module):
    def forward(self, x):
        v = x[x > 0]
        n = v.shape[0]
        torch._check(n >= 2)
        a, b = v.split([1, n - 1])
        return a.sum() + b.sum()


@case(args=lambda: (t(3), t(2)), sample=lambda p: (p.randint(-2, 6), p.randint(-2, 6)))
class CatUnbacked(torch.nn.Module):
    def forward(self, x, y):
        a = x.item()
        b = y.item()
        torch._check_is_size(a)
        torch._check_is_size(b)
        c = torch.cat([torch.ones(a), torch.zeros(b)])
        torch._check(c.shape[0] >= a)
        torch._check(c.shape[0] - b >= 0)
        return c.sum() + c.shape[0]


@case(args=lambda: (t(5), t(2)), sample=lambda p: (p.randint(-2, 9), p.randint(-2, 9)))
class SplitUnbacked(torch.nn.Module):
    def forward(self, x, y):
        n = x.item()
        k = y.item()
        torch._check(n >= 0)
        torch._check(k >= 0)
        torch._check(k <= n)
        z = torch.arange(n)
        a, b = torch.split(z, [k, n - k])
        return a.sum() - b.sum()


@case(args=lambda: (t(3),), sample=lambda p: (p.randint(-3, 8),))
class ReshapeUnbacked(torch.nn.Module):
    def forward(self, x):
        a = x.item()
        torch._check(a >= 1)
        z = torch.ones(a * 4)
        w = z.reshape(-1, 4)
        torch._check(w.shape[0] == a)
        v = w.view(a, 2, 2)
        return v.sum()


@case(args=lambda: (t(2),), sample=lambda p: (p.randint(-3, 6),))
class UnsqueezeFlattenUnbacked(torch.nn.Module):
    def forward(self, x):
        a = x.item()
        torch._check(a >= 0)
        z = torch.ones(a, 3).unsqueeze(0).flatten()
        torch._check(z.shape[0] == 3 * a)
        return z.sum()


@case(args=lambda: (torch.tensor([3, 1, 2]),), dynamic_shapes={"x": {0: Dim("n", max=16)}},
      sample=lambda p: (p.randint(-2, 5, p.size(0, 6)),))
class RepeatInterleaveSize(torch.nn.Module):
    def forward(self, x):
        r = torch.repeat_interleave(x)
        return r.sum() + r.shape[0]


# ---------------------------------------------------------------------------------------------
# torch.cond with symbolic predicates, checks inside the arms


@case(args=lambda: (t(7), torch.randn(4)), sample=lambda p: (p.randint(-3, 15), p.randn(4)))
class CondItemPred(torch.nn.Module):
    def forward(self, n, x):
        a = n.item()
        torch._check(a >= 0)

        def yes(x):
            return x.sin()

        def no(x):
            return x.cos()

        return torch.cond(a > 5, yes, no, (x,))


@case(args=lambda: (t(12), torch.randn(4)), sample=lambda p: (p.randint(-3, 20), p.randn(4)))
class CondDecided(torch.nn.Module):
    def forward(self, n, x):
        a = n.item()
        torch._check(a >= 10)

        def yes(x):
            return x + 1

        def no(x):
            return x - 1

        return torch.cond(a > 5, yes, no, (x,))


@case(args=lambda: (torch.randn(6, 3),), dynamic_shapes={"x": {0: Dim("n", min=4, max=64)}},
      sample=lambda p: (p.randn(p.size(0, 9), 3),))
class CondShapePred(torch.nn.Module):
    def forward(self, x):
        def big(x):
            return x[:4].sum(0)

        def small(x):
            return x.sum(0)

        return torch.cond(x.shape[0] > 4, big, small, (x,))


@case(args=lambda: (t(5), torch.randn(5)), sample=lambda p: (p.randint(-3, 12), p.randn(5)))
class CondCheckInArm(torch.nn.Module):
    def forward(self, n, x):
        a = n.item()
        torch._check(a >= 0)

        def yes(n, x):
            b = n.item()
            torch._check(b >= 3)
            torch._check(b >= 0)
            return x * b

        def no(n, x):
            return x - 1

        return torch.cond(a > 2, yes, no, (n, x))


@case(args=lambda: (torch.randn(6, 2),), dynamic_shapes={"x": {0: Dim("n", min=1, max=64)}},
      sample=lambda p: (p.randn(p.size(0, 8), 2),))
class CondNested(torch.nn.Module):
    def forward(self, x):
        def inner_yes(x):
            return x * 2

        def inner_no(x):
            return x * 3

        def outer_yes(x):
            return torch.cond(x.shape[0] > 4, inner_yes, inner_no, (x,))

        def outer_no(x):
            return x - 1

        return torch.cond(x.shape[0] > 2, outer_yes, outer_no, (x,))


@case(args=lambda: (t(4), torch.randn(3)), sample=lambda p: (p.randint(-3, 10), p.randn(3)))
class CondTensorPredArmItem(torch.nn.Module):
    def forward(self, n, x):
        def yes(n, x):
            a = n.item()
            torch._check(a >= 3)
            torch._check(a > 0)
            return x * a

        def no(n, x):
            return x - 1

        return torch.cond(n.sum() > 2, yes, no, (n, x))


@case(args=lambda: (t(3), torch.randn(3)), sample=lambda p: (p.randint(-3, 10), p.randn(3)))
class CondThenCheck(torch.nn.Module):
    def forward(self, n, x):
        a = n.item()
        torch._check(a >= 0)
        torch._check(a <= 8)

        def yes(x):
            return x + 1

        def no(x):
            return x - 1

        y = torch.cond(a < 9, yes, no, (x,))
        torch._check(a < 9)
        return y


@case(args=lambda: (torch.randn(4, 2), torch.randn(4, 2)),
      dynamic_shapes={"x": {0: Dim("n", min=1, max=10)}, "y": {0: Dim("n", min=1, max=10)}},
      sample=lambda p: (lambda k: (p.randn(k, 2), p.randn(k, 2)))(p.size(0, 12)))
class CondSharedDim(torch.nn.Module):
    def forward(self, x, y):
        def yes(x, y):
            return (x + y).sum(0) + 1  # differs from `no` even on empty inputs

        def no(x, y):
            return (x - y).sum(0) - 1

        return torch.cond(x.shape[0] >= 1, yes, no, (x, y))


# ---------------------------------------------------------------------------------------------
# Dim ranges, derived dims, Dim.DYNAMIC, mark_unbacked, repeated dims


@case(args=lambda: (torch.randn(5),), dynamic_shapes={"x": {0: Dim("n", min=3, max=10)}},
      sample=lambda p: (p.randn(p.size(0, 12)),))
class DimMinMax(torch.nn.Module):
    def forward(self, x):
        torch._check(x.shape[0] >= 3)
        return x[2] + x.sum()


@case(args=lambda: (torch.randn(5),), dynamic_shapes={"x": {0: Dim("n", min=3)}},
      sample=lambda p: (p.randn(p.size(0, 7)),))
class DimMinThree(torch.nn.Module):
    def forward(self, x):
        return x[1:] - x[:-1]


@case(args=lambda: (torch.randn(8), torch.randn(4)),
      dynamic_shapes=lambda: (lambda d: {"x": {0: 2 * d}, "y": {0: d}})(Dim("d", min=1, max=20)),
      sample=lambda p: (lambda k: (p.randn(p.rng.choice([2 * k, 2 * k + 1, k])), p.randn(k)))(p.size(0, 8)))
class DimDerivedDouble(torch.nn.Module):
    def forward(self, x, y):
        return x.view(2, -1) + y


@case(args=lambda: (torch.randn(5), torch.randn(4)),
      dynamic_shapes=lambda: (lambda d: {"x": {0: d + 1}, "y": {0: d}})(Dim("d", min=2, max=30)),
      sample=lambda p: (lambda k: (p.randn(p.rng.choice([k + 1, k])), p.randn(k)))(p.size(0, 8)))
class DimDerivedPlusOne(torch.nn.Module):
    def forward(self, x, y):
        return x[1:] * y


@case(args=lambda: (torch.randn(4, 3), torch.randn(4, 3)),
      dynamic_shapes=lambda: (lambda n: {"x": {0: n}, "y": {0: n}})(Dim("n")),
      sample=lambda p: (p.randn(p.size(0, 6), 3), p.randn(p.size(0, 6), 3)))
class DimRepeated(torch.nn.Module):
    def forward(self, x, y):
        torch._check(x.shape[0] == y.shape[0])
        return x + y


@case(args=lambda: (torch.randn(3, 4), torch.randn(4, 5)),
      dynamic_shapes={"x": {0: Dim.DYNAMIC, 1: Dim.DYNAMIC}, "y": {0: Dim.DYNAMIC, 1: Dim.DYNAMIC}},
      sample=lambda p: (lambda k: (p.randn(p.size(0, 5), k), p.randn(p.rng.choice([k, k + 1]), p.size(0, 5))))(p.size(0, 6)))
class DimDynamicMatmul(torch.nn.Module):
    def forward(self, x, y):
        return x @ y


@case(args=lambda: (torch.randn(4, 3), torch.randn(4, 3), torch.randn(4)),
      dynamic_shapes=lambda: (lambda n: {"x": {0: n}, "y": {0: n}, "z": {0: n}})(Dim("n", min=2, max=50)),
      sample=lambda p: (lambda k: (p.randn(k, 3), p.randn(p.rng.choice([k, k, k + 1]), 3), p.randn(k)))(p.size(0, 6)))
class DimRepeatedThree(torch.nn.Module):
    def forward(self, x, y, z):
        return (x * y).sum(1) + z


@case(args=lambda: (torch.randn(4, 3), torch.randn(4, 3)), prepare=lambda a: [torch._dynamo.decorators.mark_unbacked(v, 0) for v in a],
      sample=lambda p: (lambda k: (p.randn(k, 3), p.randn(p.rng.choice([k, k, k + 1, 0, 1]), 3)))(p.size(0, 6)))
class MarkUnbackedAdd(torch.nn.Module):
    def forward(self, x, y):
        return x + y


@case(args=lambda: (torch.randn(5),), prepare=lambda a: torch._dynamo.decorators.mark_unbacked(a[0], 0),
      sample=lambda p: (p.randn(p.size(0, 8)),))
class MarkUnbackedCheck(torch.nn.Module):
    def forward(self, x):
        n = x.shape[0]
        torch._check(n >= 2)
        torch._check(n >= 1)
        return x[:2].sum() + n


@case(args=lambda: (torch.randn(6, 4),), dynamic_shapes={"x": {0: Dim.DYNAMIC}},
      sample=lambda p: (p.randn(p.size(0, 9), 4),))
class DimDynamicView(torch.nn.Module):
    def forward(self, x):
        return x.view(-1, 2, 2).reshape(x.shape[0], 4).sum(1)


@case(args=lambda: (torch.randn(6), torch.randn(4)),
      dynamic_shapes={"x": {0: Dim("a", min=0, max=16)}, "y": {0: Dim("b", min=0, max=16)}},
      sample=lambda p: (p.randn(p.size(0, 18)), p.randn(p.size(0, 18))))
class CatBacked(torch.nn.Module):
    def forward(self, x, y):
        c = torch.cat([x, y])
        torch._check(c.shape[0] >= x.shape[0])
        return c.view(1, -1)


@case(args=lambda: (torch.randn(8),), dynamic_shapes={"x": {0: Dim("n", min=5, max=40)}},
      sample=lambda p: (p.randn(p.size(0, 42)),))
class SplitBacked(torch.nn.Module):
    def forward(self, x):
        a, b = x.split([3, x.shape[0] - 3])
        return a.sum() + b.sum()


# ---------------------------------------------------------------------------------------------
# in-place ops on tensors used later


@case(args=lambda: (t(2),), sample=lambda p: (p.randint(-4, 9),))
class InplaceThenItem(torch.nn.Module):
    def forward(self, x):
        y = x.clone()
        y.add_(1)
        a = y.item()
        torch._check(a >= 0)
        torch._check(a < 10)
        return torch.ones(a)


@case(args=lambda: (torch.randn(5), t(2)), dynamic_shapes={"x": {0: Dim("n")}, "k": None},
      sample=lambda p: (p.randn(p.size(0, 8)), p.randint(-3, 9)))
class InplaceIndexFill(torch.nn.Module):
    def forward(self, x, k):
        a = k.item()
        torch._check(a >= 0)
        torch._check(a < x.shape[0])
        y = x.clone()
        y[a] = 0.0
        y.mul_(2)
        return y + x


@case(args=lambda: (torch.zeros(4), t(3)), sample=lambda p: (p.randn(4), p.randint(-2, 8)))
class InplaceInputMutation(torch.nn.Module):
    def forward(self, buf, k):
        a = k.item()
        torch._check(a >= 1)
        buf.add_(a)
        torch._check(a >= 0)
        return buf * 2


@case(args=lambda: (torch.randn(6),), dynamic_shapes={"x": {0: Dim("n", min=3)}},
      sample=lambda p: (p.randn(p.size(0, 8)),))
class InplaceSliceUpdate(torch.nn.Module):
    def forward(self, x):
        y = x.clone()
        y[1:].mul_(0.5)
        y[:1].fill_(3.0)
        return y.cumsum(0)


# ---------------------------------------------------------------------------------------------
# mixed programs


@case(args=lambda: (torch.randn(5, 3), t(2)), dynamic_shapes={"x": {0: Dim("n", min=1, max=100)}, "k": None},
      sample=lambda p: (p.randn(p.size(0, 8), 3), p.randint(-3, 9)))
class TopkLike(torch.nn.Module):
    def forward(self, x, k):
        a = k.item()
        torch._check(a >= 1)
        torch._check(a <= x.shape[0])
        return x[:a].sum(0) + x[-a:].sum(0)


@case(args=lambda: (torch.tensor([2, 3]),), sample=lambda p: (p.randint(-2, 6, 2),))
class TwoItemsShape(torch.nn.Module):
    def forward(self, s):
        h, w = s.tolist()
        torch._check_is_size(h)
        torch._check_is_size(w)
        z = torch.zeros(h, w)
        torch._check(z.numel() == h * w)
        return z.reshape(-1).shape[0] + z.sum()


@case(args=lambda: (t(5),), sample=lambda p: (p.randint(-6, 12),))
class MinMaxOfItem(torch.nn.Module):
    def forward(self, x):
        a = x.item()
        torch._check(a >= -5)
        torch._check(a <= 10)
        b = max(a, 0)
        c = min(b, 7)
        return torch.zeros(c)


@case(args=lambda: (t(3), torch.randn(10)), dynamic_shapes={"k": None, "x": {0: Dim("n", min=2, max=64)}},
      sample=lambda p: (p.randint(-3, 12), p.randn(p.size(0, 12))))
class ChunkByItem(torch.nn.Module):
    def forward(self, k, x):
        a = k.item()
        torch._check(a >= 1)
        torch._check(a <= 4)
        y = x[: a * 2]
        torch._check(y.shape[0] <= x.shape[0])
        return y.view(a, -1).sum(1).sum()


@case(args=lambda: (t(4),), sample=lambda p: (p.randint(-2, 9),))
class AssertMessageForms(torch.nn.Module):
    def forward(self, x):
        a = x.item()
        torch._check(a >= 1, lambda: "a must be positive")
        torch._check(a >= 0, lambda: f"a={a} negative")
        torch._check(a % 2 == 0)
        return torch.zeros(a // 2)


# ---------------------------------------------------------------------------------------------
# input guarantees: guards kept as runtime asserts (prefer_deferred_runtime_asserts_over_guards)
# and unbacked input dims (strict export with mark_unbacked). What `--inputs checked` may assume
# here is exactly what ExportedProgram's entry check enforces.

DEFERRED = {"prefer_deferred_runtime_asserts_over_guards": True}


@case(args=lambda: (torch.randn(6),), dynamic_shapes={"x": {0: Dim.DYNAMIC}},
      sample=lambda p: (p.randn(p.size(0, 9)),), **DEFERRED)
class DeferredLowerBound(torch.nn.Module):
    def forward(self, x):
        torch._check(x.shape[0] >= 5)
        return x[:3].sum() + x.shape[0]


@case(args=lambda: (torch.randn(6),), dynamic_shapes={"x": {0: Dim.DYNAMIC}},
      sample=lambda p: (p.randn(p.size(0, 10)),), **DEFERRED)
class DeferredUpperBound(torch.nn.Module):
    def forward(self, x):
        torch._check(x.shape[0] <= 7)
        torch._check(x.shape[0] >= 3)
        return x.sum() * x.shape[0]


@case(args=lambda: (torch.randn(6), torch.randn(4)), dynamic_shapes={"x": {0: Dim.DYNAMIC}, "y": {0: Dim.DYNAMIC}},
      sample=lambda p: (p.randn(p.size(0, 6)), p.randn(p.size(0, 6))), **DEFERRED)
class DeferredSumOfDims(torch.nn.Module):
    def forward(self, x, y):
        torch._check(x.shape[0] + y.shape[0] >= 5)
        torch._check(x.shape[0] >= 2)
        return x.sum() + y.sum()


@case(args=lambda: (torch.randn(4, 3), torch.randn(4, 3)),
      dynamic_shapes=lambda: (lambda n: {"x": {0: n}, "y": {0: n}})(Dim("n", min=3, max=9)),
      sample=lambda p: (p.randn(p.size(0, 11), 3), p.randn(p.size(0, 11), 3)), **DEFERRED)
class DeferredRepeatedDim(torch.nn.Module):
    def forward(self, x, y):
        return x + y


@case(args=lambda: (torch.randn(8, 2),), dynamic_shapes={"x": {0: Dim.DYNAMIC}},
      sample=lambda p: (p.randn(p.size(0, 9), 2),), **DEFERRED)
class DeferredCondAfterCheck(torch.nn.Module):
    def forward(self, x):
        torch._check(x.shape[0] >= 6)

        def big(x):
            return x[:4].sum(0)

        def small(x):
            return x.sum(0)

        return torch.cond(x.shape[0] > 4, big, small, (x,))


def _unbacked_rows(a):
    for v in a:
        torch._dynamo.decorators.mark_unbacked(v, 0)


@case(args=lambda: (torch.randn(4, 3), torch.randn(4, 3)), prepare=_unbacked_rows, strict=True,
      sample=lambda p: (lambda k: (p.randn(k, 3), p.randn(p.rng.choice([k, k, k + 1, 0, 1]), 3)))(p.size(0, 11)))
class StrictUnbackedChecks(torch.nn.Module):
    def forward(self, x, y):
        torch._check(x.shape[0] == y.shape[0])
        torch._check(x.shape[0] >= 3)
        torch._check(x.shape[0] <= 9)
        return x * 2 + y.sum()


@case(args=lambda: (torch.randn(4, 3), torch.randn(4, 3)), prepare=_unbacked_rows, strict=True,
      sample=lambda p: (lambda k: (p.randn(k, 3), p.randn(p.rng.choice([k, k, k + 1, 0, 1]), 3)))(p.size(0, 6)))
class StrictUnbackedAdd(torch.nn.Module):
    def forward(self, x, y):
        return x + y


# ---------------------------------------------------------------------------------------------
# issue 13: sizes ATen infers or keeps (-1), float item()s (NaN, infinities, rounding), a
# predicate flipped in place. Samplers draw the values that make the difference.
import math  # noqa: E402  (imported here: the line numbers torch prints for the cases above stay those of their files)

# floats that change a float check's outcome: NaN (every ordered comparison false), the
# infinities, signed zeros, a value float32 rounds (0.1), ints beyond 2**53
_SPECIAL_FLOATS = [math.nan, math.inf, -math.inf, 0.0, -0.0, 0.5, 0.1, 1.0, -1.0, 2.5, 7.9, 8.5,
                   9007199254740993.0, -3.5]


def _float(p: "Picker", dtype=torch.float32, limit=math.inf) -> torch.Tensor:
    return torch.tensor(p.rng.choice([v for v in _SPECIAL_FLOATS if not (math.isfinite(v) and abs(v) > limit)]), dtype=dtype)


@case(args=lambda: (torch.randn(12), t(3)), sample=lambda p: (p.randn(12), p.randint(-3, 13)))
class ViewInferItem(torch.nn.Module):
    def forward(self, x, k):
        a = k.item()
        torch._check(a != 0)
        y = x.view(-1, a)
        return y.sum(0)


@case(args=lambda: (torch.randn(1, 4), t(3)), sample=lambda p: (p.randn(1, 4), p.randint(-3, 6)))
class ExpandKeepItem(torch.nn.Module):
    def forward(self, x, k):
        a = k.item()
        torch._check(a >= -1)
        y = x.expand(a, -1)
        torch._check(a >= 0)
        return y.sum(0)


@case(args=lambda: (torch.randn(3), t(2.5)), sample=lambda p: (p.randn(3), _float(p)))
class FloatItemCheck(torch.nn.Module):
    def forward(self, x, s):
        f = s.item()
        torch._check(f > 0.5)
        return x * f


@case(args=lambda: (torch.randn(3), t(2.5)), sample=lambda p: (p.randn(3), _float(p)))
class FloatItemCond(torch.nn.Module):
    def forward(self, x, s):
        f = s.item()
        return torch.cond(f > 0.0, lambda x: x + 1, lambda x: x - 1, (x,))


@case(args=lambda: (torch.randn(3), t(2.5, dtype=torch.float64)),
      sample=lambda p: (p.randn(3), _float(p, torch.float64, limit=1e6)))
class FloatItemTrunc(torch.nn.Module):
    def forward(self, x, s):
        f = s.item()
        n = torch.sym_int(f)
        return torch.zeros(n) + x.sum()


@case(args=lambda: (torch.randn(3), t(3)), sample=lambda p: (p.randn(3), p.randint(-2, 6)))
class InplaceFlipCond(torch.nn.Module):
    def forward(self, x, k):
        a = k.item()
        b = torch.scalar_tensor(a > 2, dtype=torch.bool)
        b.logical_not_()
        return torch.cond(b, lambda x: x + 1, lambda x: x - 1, (x,))


# ---------------------------------------------------------------------------------------------
# make_fx graphs (symbolic tracing): no ExportedProgram, no entry check


@case(args=lambda: (torch.randn(4, 3),), kind="make_fx", sample=lambda p: (p.randn(p.size(0, 6), 3),))
class FxShapes(torch.nn.Module):
    def forward(self, x):
        n = x.shape[0]
        return x.view(n * 3) + n


@case(args=lambda: (t(3),), kind="make_fx", sample=lambda p: (p.randint(-3, 9),))
class FxItem(torch.nn.Module):
    def forward(self, x):
        a = x.item()
        torch._check(a >= 0)
        torch._check(a <= 6)
        torch._check(a >= -1)
        return torch.zeros(a) + 1


@case(args=lambda: (torch.randn(4), torch.randn(4)), kind="make_fx",
      sample=lambda p: (lambda k: (p.randn(k), p.randn(p.rng.choice([k, k + 1]))))(p.size(0, 6)))
class FxTwoInputs(torch.nn.Module):
    def forward(self, x, y):
        return torch.cat([x, y]).view(2, -1).sum(0)


@case(args=lambda: (torch.tensor([1.0, 0.0, 3.0]),), kind="make_fx", sample=lambda p: (p.mask(p.size(0, 6)),))
class FxNonzero(torch.nn.Module):
    def forward(self, x):
        nz = x.nonzero()
        torch._check(nz.shape[0] >= 0)
        return nz.float().sum()


# ---------------------------------------------------------------------------------------------
# ExportDB: every example of torch._export.db.examples, loaded from its source file with a
# stable file name (the `# File:` comments then do not name this machine's site-packages).

_EXPORTDB_FIELDS = ("example_args", "example_kwargs", "dynamic_shapes")


def exportdb_cases() -> dict[str, Case]:
    import glob
    import os
    import types

    root = os.path.dirname(importlib.util.find_spec("torch._export.db.examples").origin)
    out = {}
    for path in sorted(glob.glob(os.path.join(root, "*.py"))):
        base = os.path.basename(path)[:-3]
        if base == "__init__":
            continue
        mod = types.ModuleType(f"exportdb_{base}")
        with open(path) as f:
            code = compile(f.read(), f"torch/_export/db/examples/{base}.py", "exec")
        torch.manual_seed(0)  # the examples draw their inputs with torch.randn at import
        exec(code, mod.__dict__)
        model = mod.model
        args = getattr(mod, "example_args")
        kwargs = getattr(mod, "example_kwargs", {})
        ds = getattr(mod, "dynamic_shapes", None)
        name = f"exportdb_{base}"
        out[name] = Case(name, (lambda m=model: m), (lambda a=args: a), ds, None, "export", None, "exportdb", kwargs)
    return out


def all_cases() -> dict[str, Case]:
    out = dict(CASES)
    out.update(exportdb_cases())
    return out


def trace(c: Case):
    """The ExportedProgram (or make_fx GraphModule) of a case, traced deterministically: the
    `<eval_with_key>.N` names in the `# File:` comments count from 0 for every case."""
    import linecache

    import torch.fx.graph_module

    loader = torch.fx.graph_module._loader
    loader.next_id = 0  # and forget the sources of the keys that will be reused
    loader.eval_cache.clear()
    for key in [k for k in linecache.cache if str(k).startswith("<eval_with_key>")]:
        del linecache.cache[key]
    torch.manual_seed(0)
    args = c.args()
    if c.prepare is not None:
        c.prepare(args)
    if c.kind == "make_fx":
        from torch.fx.experimental.proxy_tensor import make_fx

        return make_fx(c.module(), tracing_mode="symbolic")(*args)
    ds = c.dynamic_shapes() if callable(c.dynamic_shapes) else c.dynamic_shapes
    return torch.export.export(c.module(), args, kwargs=c.kwargs or None, dynamic_shapes=ds, **c.export_options)


def load(path: str | None = None):
    """Import this file under a stable file name (the `# File:` comments carry it)."""
    import os
    import sys
    import types

    path = path or os.path.join(os.path.dirname(os.path.abspath(__file__)), "models.py")

    mod = types.ModuleType("symrange_real_models")
    sys.modules["symrange_real_models"] = mod
    with open(path) as f:
        code = compile(f.read(), "tests/real/models.py", "exec")
    mod.__dict__["__file__"] = "tests/real/models.py"
    exec(code, mod.__dict__)
    return mod
