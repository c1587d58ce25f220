


def forward(self, x, y):
    item = torch.ops.aten.item.default(x);  x = None
    ge_2 = item >= 0
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_2, "Runtime assertion failed for expression u0 >= 0 on node 'ge_2'");  ge_2 = _assert_scalar_default = None
    item_1 = torch.ops.aten.item.default(y);  y = None
    ge_3 = item_1 >= 1
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(ge_3, "Runtime assertion failed for expression u1 >= 1 on node 'ge_3'");  ge_3 = _assert_scalar_default_1 = None
    lt_1 = item < item_1
    _assert_scalar_default_2 = torch.ops.aten._assert_scalar.default(lt_1, "Runtime assertion failed for expression u0 < u1 on node 'lt_1'");  lt_1 = _assert_scalar_default_2 = None
    zeros = torch.ops.aten.zeros.default([item], device = device(type='cpu'), pin_memory = False);  item = None
    sum_1 = torch.ops.aten.sum.default(zeros);  zeros = None
    zeros_1 = torch.ops.aten.zeros.default([item_1], device = device(type='cpu'), pin_memory = False);  item_1 = None
    sum_2 = torch.ops.aten.sum.default(zeros_1);  zeros_1 = None
    add = torch.ops.aten.add.Tensor(sum_1, sum_2);  sum_1 = sum_2 = None
    return (add,)
    