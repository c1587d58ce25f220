


def forward(self, x, attr):
    randn = torch.ops.aten.randn.default([3, 2], device = device(type='cpu'), pin_memory = False);  randn = None
    add = torch.ops.aten.add.Tensor(x, 4);  x = None
    return (add,)
    