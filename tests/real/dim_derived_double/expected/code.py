


def forward(self, x, y):
    view = torch.ops.aten.view.default(x, [2, -1]);  x = None
    add = torch.ops.aten.add.Tensor(view, y);  view = y = None
    return (add,)
    