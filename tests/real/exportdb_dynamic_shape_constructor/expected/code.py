


def forward(self, x):
    zeros = torch.ops.aten.zeros.default([6], device = device(type='cpu'), pin_memory = False)
    return (zeros,)
    