


def forward(self, x):
    nonzero = torch.ops.aten.nonzero.default(x);  x = None
    reshape = torch.ops.aten.reshape.default(nonzero, [-1]);  nonzero = None
    view = torch.ops.aten.view.default(reshape, [-1, 2]);  reshape = None
    sum_1 = torch.ops.aten.sum.dim_IntList(view, [1]);  view = None
    return (sum_1,)
    