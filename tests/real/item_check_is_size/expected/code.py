


def forward(self, x):
    item = torch.ops.aten.item.default(x);  x = None
    ge_2 = item >= 0
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_2, "Runtime assertion failed for expression u0 >= 0 on node 'ge_2'");  ge_2 = _assert_scalar_default = None
    ones = torch.ops.aten.ones.default([item, 2], device = device(type='cpu'), pin_memory = False);  item = None
    sum_1 = torch.ops.aten.sum.dim_IntList(ones, [0]);  ones = None
    return (sum_1,)
    