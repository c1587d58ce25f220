


def forward(self, x):
    ones = torch.ops.aten.ones.default([1, 1, 1], device = device(type='cpu'), pin_memory = False)
    add = torch.ops.aten.add.Tensor(x, ones);  x = ones = None
    return (add,)
    