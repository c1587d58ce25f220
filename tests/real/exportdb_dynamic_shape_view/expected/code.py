


def forward(self, x):
    view = torch.ops.aten.view.default(x, [10, 2, 5]);  x = None
    permute = torch.ops.aten.permute.default(view, [0, 2, 1]);  view = None
    return (permute,)
    