


def forward(self, x):
    sum_1 = torch.ops.aten.sum.default(x);  x = None
    add = torch.ops.aten.add.Tensor(sum_1, 3);  sum_1 = None
    return (add,)
    