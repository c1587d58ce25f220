


def forward(self, x, y):
    matmul = torch.ops.aten.matmul.default(x, y);  x = y = None
    return (matmul,)
    