


def forward(self, x, y):
    slice_1 = torch.ops.aten.slice.Tensor(x, 0, 1, 9223372036854775807);  x = None
    mul = torch.ops.aten.mul.Tensor(slice_1, y);  slice_1 = y = None
    return (mul,)
    