


def forward(self, x, y):
    mul = torch.ops.aten.mul.Tensor(x, 2);  x = None
    sum_1 = torch.ops.aten.sum.default(y);  y = None
    add = torch.ops.aten.add.Tensor(mul, sum_1);  mul = sum_1 = None
    return (add,)
    