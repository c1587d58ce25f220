


def forward(self, arg0_1):
    sym_size_int = torch.ops.aten.sym_size.int(arg0_1, 0)
    mul = sym_size_int * 3
    view = torch.ops.aten.view.default(arg0_1, [mul]);  arg0_1 = mul = None
    add = torch.ops.aten.add.Tensor(view, sym_size_int);  view = sym_size_int = None
    return add
    