


def forward(self, x):
    sym_size_int_2 = torch.ops.aten.sym_size.int(x, 0)
    nonzero = torch.ops.aten.nonzero.default(x);  x = None
    sym_size_int_3 = torch.ops.aten.sym_size.int(nonzero, 0)
    le_1 = sym_size_int_3 <= sym_size_int_2;  sym_size_int_2 = None
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(le_1, "Runtime assertion failed for expression u0 <= s77 on node 'le_1'");  le_1 = _assert_scalar_default_1 = None
    sum_1 = torch.ops.aten.sum.default(nonzero);  nonzero = None
    add = torch.ops.aten.add.Tensor(sum_1, sym_size_int_3);  sum_1 = sym_size_int_3 = None
    return (add,)
    