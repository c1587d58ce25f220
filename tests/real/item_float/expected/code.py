


def forward(self, x):
    item = torch.ops.aten.item.default(x)
    mul = torch.ops.aten.mul.Tensor(x, item);  x = item = None
    add = torch.ops.aten.add.Tensor(mul, 1);  mul = None
    return (add,)
    