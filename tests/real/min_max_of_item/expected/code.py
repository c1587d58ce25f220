


def forward(self, x):
    item = torch.ops.aten.item.default(x);  x = None
    ge_1 = item >= -5
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression u0 >= -5 on node 'ge_1'");  ge_1 = _assert_scalar_default = None
    le_1 = item <= 10
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(le_1, "Runtime assertion failed for expression u0 <= 10 on node 'le_1'");  le_1 = _assert_scalar_default_1 = None
    add = 5 + item
    ge_2 = add >= 0;  add = None
    _assert_scalar_default_2 = torch.ops.aten._assert_scalar.default(ge_2, "Runtime assertion failed for expression 0 <= u0 + 5 on node 'ge_2'");  ge_2 = _assert_scalar_default_2 = None
    sym_max = torch.sym_max(item, 0);  item = None
    sym_min = torch.sym_min(sym_max, 7);  sym_max = None
    zeros = torch.ops.aten.zeros.default([sym_min], device = device(type='cpu'), pin_memory = False);  sym_min = None
    return (zeros,)
    