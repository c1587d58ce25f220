


def forward(self, x):
    sym_size_int_1 = torch.ops.aten.sym_size.int(x, 0)
    ge_1 = sym_size_int_1 >= 5
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression 5 <= s77 on node 'ge_1'");  ge_1 = _assert_scalar_default = None
    slice_1 = torch.ops.aten.slice.Tensor(x, 0, 0, 3);  x = None
    sum_1 = torch.ops.aten.sum.default(slice_1);  slice_1 = None
    add = torch.ops.aten.add.Tensor(sum_1, sym_size_int_1);  sum_1 = sym_size_int_1 = None
    return (add,)
    