


def forward(self, x):
    item = torch.ops.aten.item.default(x);  x = None
    ge_2 = item >= 2
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_2, "Runtime assertion failed for expression u0 >= 2 on node 'ge_2'");  ge_2 = _assert_scalar_default = None
    ones = torch.ops.aten.ones.default([item], device = device(type='cpu'), pin_memory = False);  item = None
    return (ones,)
    