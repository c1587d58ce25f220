


def forward(self, x):
    sym_size_int_1 = torch.ops.aten.sym_size.int(x, 0)
    le_1 = sym_size_int_1 <= 7
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(le_1, "Runtime assertion failed for expression s77 <= 7 on node 'le_1'");  le_1 = _assert_scalar_default = None
    ge_1 = sym_size_int_1 >= 3
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression 3 <= s77 on node 'ge_1'");  ge_1 = _assert_scalar_default_1 = None
    sum_1 = torch.ops.aten.sum.default(x);  x = None
    mul = torch.ops.aten.mul.Tensor(sum_1, sym_size_int_1);  sum_1 = sym_size_int_1 = None
    return (mul,)
    