


def forward(self, x, y, z):
    mul = torch.ops.aten.mul.Tensor(x, y);  x = y = None
    sum_1 = torch.ops.aten.sum.dim_IntList(mul, [1]);  mul = None
    add = torch.ops.aten.add.Tensor(sum_1, z);  sum_1 = z = None
    return (add,)
    