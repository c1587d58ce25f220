


def forward(self, x, y):
    item = torch.ops.aten.item.default(x);  x = None
    ge_4 = item >= 0
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_4, "Runtime assertion failed for expression u0 >= 0 on node 'ge_4'");  ge_4 = _assert_scalar_default = None
    item_1 = torch.ops.aten.item.default(y);  y = None
    ge_5 = item_1 >= 0
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(ge_5, "Runtime assertion failed for expression u1 >= 0 on node 'ge_5'");  ge_5 = _assert_scalar_default_1 = None
    ones = torch.ops.aten.ones.default([item], device = device(type='cpu'), pin_memory = False)
    zeros = torch.ops.aten.zeros.default([item_1], device = device(type='cpu'), pin_memory = False)
    cat = torch.ops.aten.cat.default([ones, zeros]);  ones = zeros = None
    add_1 = item + item_1;  item = item_1 = None
    sum_1 = torch.ops.aten.sum.default(cat);  cat = None
    add = torch.ops.aten.add.Tensor(sum_1, add_1);  sum_1 = add_1 = None
    return (add,)
    