


def forward(self, x):
    nonzero = torch.ops.aten.nonzero.default(x);  x = None
    sym_size_int_2 = torch.ops.aten.sym_size.int(nonzero, 0)
    ge = sym_size_int_2 >= 0;  sym_size_int_2 = None
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge, "Runtime assertion failed for expression u0 >= 0 on node 'ge'");  ge = _assert_scalar_default = None
    reshape = torch.ops.aten.reshape.default(nonzero, [-1]);  nonzero = None
    view = torch.ops.aten.view.default(reshape, [-1, 2]);  reshape = None
    sum_1 = torch.ops.aten.sum.dim_IntList(view, [1]);  view = None
    return (sum_1,)
    