


def forward(self, x, y):
    nonzero = torch.ops.aten.nonzero.default(x);  x = None
    sym_size_int_5 = torch.ops.aten.sym_size.int(nonzero, 0)
    ge_1 = sym_size_int_5 >= 0;  sym_size_int_5 = None
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression u0 >= 0 on node 'ge_1'");  ge_1 = _assert_scalar_default = None
    nonzero_1 = torch.ops.aten.nonzero.default(y);  y = None
    sym_size_int_6 = torch.ops.aten.sym_size.int(nonzero_1, 0)
    ge_2 = sym_size_int_6 >= 0;  sym_size_int_6 = None
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(ge_2, "Runtime assertion failed for expression u1 >= 0 on node 'ge_2'");  ge_2 = _assert_scalar_default_1 = None
    cat = torch.ops.aten.cat.default([nonzero, nonzero_1]);  nonzero = nonzero_1 = None
    sum_1 = torch.ops.aten.sum.dim_IntList(cat, [0]);  cat = None
    return (sum_1,)
    