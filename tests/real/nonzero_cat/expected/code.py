


def forward(self, x, y):
    nonzero = torch.ops.aten.nonzero.default(x);  x = None
    nonzero_1 = torch.ops.aten.nonzero.default(y);  y = None
    cat = torch.ops.aten.cat.default([nonzero, nonzero_1]);  nonzero = nonzero_1 = None
    sum_1 = torch.ops.aten.sum.dim_IntList(cat, [0]);  cat = None
    return (sum_1,)
    