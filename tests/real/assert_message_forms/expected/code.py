


def forward(self, x):
    item = torch.ops.aten.item.default(x);  x = None
    ge_2 = item >= 1
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_2, "Runtime assertion failed for expression u0 >= 1 on node 'ge_2'");  ge_2 = _assert_scalar_default = None
    mod_1 = item % 2
    eq_1 = mod_1 == 0;  mod_1 = None
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(eq_1, "Runtime assertion failed for expression Eq(Mod(u0, 2), 0) on node 'eq_1'");  eq_1 = _assert_scalar_default_1 = None
    floordiv = item // 2;  item = None
    zeros = torch.ops.aten.zeros.default([floordiv], device = device(type='cpu'), pin_memory = False);  floordiv = None
    return (zeros,)
    