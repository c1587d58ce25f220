


def forward(self, x, y):
    item = torch.ops.aten.item.default(x);  x = None
    ge_2 = item >= 0
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_2, "Runtime assertion failed for expression u0 >= 0 on node 'ge_2'");  ge_2 = _assert_scalar_default = None
    item_1 = torch.ops.aten.item.default(y);  y = None
    ge_3 = item_1 >= 0
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(ge_3, "Runtime assertion failed for expression u1 >= 0 on node 'ge_3'");  ge_3 = _assert_scalar_default_1 = None
    le_1 = item_1 <= item
    _assert_scalar_default_2 = torch.ops.aten._assert_scalar.default(le_1, "Runtime assertion failed for expression u1 <= u0 on node 'le_1'");  le_1 = _assert_scalar_default_2 = None
    arange = torch.ops.aten.arange.default(item, device = device(type='cpu'), pin_memory = False)
    sub = item - item_1;  item = None
    split_with_sizes = torch.ops.aten.split_with_sizes.default(arange, [item_1, sub]);  arange = item_1 = sub = None
    getitem = split_with_sizes[0]
    getitem_1 = split_with_sizes[1];  split_with_sizes = None
    sum_1 = torch.ops.aten.sum.default(getitem);  getitem = None
    sum_2 = torch.ops.aten.sum.default(getitem_1);  getitem_1 = None
    sub_1 = torch.ops.aten.sub.Tensor(sum_1, sum_2);  sum_1 = sum_2 = None
    return (sub_1,)
    