


def forward(self, x):
    item = torch.ops.aten.item.default(x);  x = None
    ge_1 = item >= 0
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression u0 >= 0 on node 'ge_1'");  ge_1 = _assert_scalar_default = None
    ones = torch.ops.aten.ones.default([item, 3], device = device(type='cpu'), pin_memory = False);  item = None
    unsqueeze = torch.ops.aten.unsqueeze.default(ones, 0);  ones = None
    flatten = torch.ops.aten.flatten.using_ints(unsqueeze);  unsqueeze = None
    sum_1 = torch.ops.aten.sum.default(flatten);  flatten = None
    return (sum_1,)
    