


def forward(self, k, y):
    sym_size_int_1 = torch.ops.aten.sym_size.int(y, 0)
    item = torch.ops.aten.item.default(k);  k = None
    ge_1 = item >= 0
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression u0 >= 0 on node 'ge_1'");  ge_1 = _assert_scalar_default = None
    le_1 = item <= sym_size_int_1;  sym_size_int_1 = None
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(le_1, "Runtime assertion failed for expression u0 <= s17 on node 'le_1'");  le_1 = _assert_scalar_default_1 = None
    slice_1 = torch.ops.aten.slice.Tensor(y, 0, None, item)
    sum_1 = torch.ops.aten.sum.default(slice_1);  slice_1 = None
    narrow = torch.ops.aten.narrow.default(y, 0, 0, item);  y = item = None
    sum_2 = torch.ops.aten.sum.default(narrow);  narrow = None
    add = torch.ops.aten.add.Tensor(sum_1, sum_2);  sum_1 = sum_2 = None
    return (add,)
    