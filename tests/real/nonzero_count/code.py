


def forward(self, x):
    sym_size_int_2 = torch.ops.aten.sym_size.int(x, 0)
    nonzero = torch.ops.aten.nonzero.default(x);  x = None
    sym_size_int_3 = torch.ops.aten.sym_size.int(nonzero, 0)
    ge_1 = sym_size_int_3 >= 0
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression u0 >= 0 on node 'ge_1'");  ge_1 = _assert_scalar_default = None
    le_1 = sym_size_int_3 <= sym_size_int_2;  sym_size_int_2 = None
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(le_1, "Runtime assertion failed for expression u0 <= s77 on node 'le_1'");  le_1 = _assert_scalar_default_1 = None
    sum_1 = torch.ops.aten.sum.default(nonzero);  nonzero = None
    add = torch.ops.aten.add.Tensor(sum_1, sym_size_int_3);  sum_1 = sym_size_int_3 = None
    return (add,)
    