


def forward(self, x):
    item = torch.ops.aten.item.default(x);  x = None
    ge_2 = item >= 3
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_2, "Runtime assertion failed for expression u0 >= 3 on node 'ge_2'");  ge_2 = _assert_scalar_default = None
    le_3 = item <= 7
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(le_3, "Runtime assertion failed for expression u0 <= 7 on node 'le_3'");  le_3 = _assert_scalar_default_1 = None
    zeros = torch.ops.aten.zeros.default([item, item], device = device(type='cpu'), pin_memory = False);  item = None
    return (zeros,)
    