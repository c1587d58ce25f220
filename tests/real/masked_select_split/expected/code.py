


def forward(self, x):
    gt = torch.ops.aten.gt.Scalar(x, 0)
    index = torch.ops.aten.index.Tensor(x, [gt]);  x = gt = None
    sym_size_int_1 = torch.ops.aten.sym_size.int(index, 0)
    ge_1 = sym_size_int_1 >= 2
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression u0 >= 2 on node 'ge_1'");  ge_1 = _assert_scalar_default = None
    le = sym_size_int_1 <= 6
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(le, "Runtime assertion failed for expression u0 <= 6 on node 'le'");  le = _assert_scalar_default_1 = None
    sub = sym_size_int_1 - 1;  sym_size_int_1 = None
    split_with_sizes = torch.ops.aten.split_with_sizes.default(index, [1, sub]);  index = sub = None
    getitem = split_with_sizes[0]
    getitem_1 = split_with_sizes[1];  split_with_sizes = None
    sum_1 = torch.ops.aten.sum.default(getitem);  getitem = None
    sum_2 = torch.ops.aten.sum.default(getitem_1);  getitem_1 = None
    add = torch.ops.aten.add.Tensor(sum_1, sum_2);  sum_1 = sum_2 = None
    return (add,)
    