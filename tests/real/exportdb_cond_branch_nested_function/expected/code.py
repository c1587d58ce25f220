


def forward(self, x):
    add = torch.ops.aten.add.Tensor(x, x);  x = None
    return (add,)
    