


def forward(self, x, y):
    add = torch.ops.aten.add.Tensor(x, y);  x = y = None
    add_1 = torch.ops.aten.add.Tensor(add, 1);  add = None
    return (add_1,)
    