


def forward(self, x, k):
    sym_size_int_1 = torch.ops.aten.sym_size.int(x, 0)
    item = torch.ops.aten.item.default(k);  k = None
    ge_1 = item >= 1
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression u0 >= 1 on node 'ge_1'");  ge_1 = _assert_scalar_default = None
    le_1 = item <= 100
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(le_1, "Runtime assertion failed for expression u0 <= 100 on node 'le_1'");  le_1 = _assert_scalar_default_1 = None
    le_2 = item <= sym_size_int_1;  sym_size_int_1 = None
    _assert_scalar_default_2 = torch.ops.aten._assert_scalar.default(le_2, "Runtime assertion failed for expression u0 <= s77 on node 'le_2'");  le_2 = _assert_scalar_default_2 = None
    slice_1 = torch.ops.aten.slice.Tensor(x, 0, None, item)
    sum_1 = torch.ops.aten.sum.dim_IntList(slice_1, [0]);  slice_1 = None
    neg = -item;  item = None
    slice_2 = torch.ops.aten.slice.Tensor(x, 0, neg);  x = neg = None
    sum_2 = torch.ops.aten.sum.dim_IntList(slice_2, [0]);  slice_2 = None
    add = torch.ops.aten.add.Tensor(sum_1, sum_2);  sum_1 = sum_2 = None
    return (add,)
    