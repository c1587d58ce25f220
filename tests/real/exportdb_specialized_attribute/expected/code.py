


def forward(self, x):
    mul = torch.ops.aten.mul.Tensor(x, x);  x = None
    add = torch.ops.aten.add.Tensor(mul, 4);  mul = None
    return (add,)
    