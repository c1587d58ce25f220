


def forward(self, x):
    add = torch.ops.aten.add.Tensor(x, 1);  x = None
    return (add,)
    