


def forward(self, x, y):
    add = torch.ops.aten.add.Tensor(x, y);  x = y = None
    return (add,)
    