


def forward(self, arg0_1, arg1_1):
    cat = torch.ops.aten.cat.default([arg0_1, arg1_1]);  arg0_1 = arg1_1 = None
    view = torch.ops.aten.view.default(cat, [2, -1]);  cat = None
    sum_1 = torch.ops.aten.sum.dim_IntList(view, [0]);  view = None
    return sum_1
    