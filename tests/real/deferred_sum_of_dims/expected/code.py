


def forward(self, x, y):
    sym_size_int_2 = torch.ops.aten.sym_size.int(x, 0)
    sym_size_int_3 = torch.ops.aten.sym_size.int(y, 0)
    sum_1 = torch.ops.aten.sum.default(x);  x = None
    add_2 = sym_size_int_3 + sym_size_int_2;  sym_size_int_3 = sym_size_int_2 = None
    ge_2 = add_2 >= 5;  add_2 = None
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_2, "Runtime assertion failed for expression 5 <= s17 + s77 on node 'ge_2'");  ge_2 = _assert_scalar_default = None
    sum_2 = torch.ops.aten.sum.default(y);  y = None
    add_1 = torch.ops.aten.add.Tensor(sum_1, sum_2);  sum_1 = sum_2 = None
    return (add_1,)
    