


def forward(self, x, n):
    item = torch.ops.aten.item.default(x);  x = None
    item_1 = torch.ops.aten.item.default(n);  n = None
    ge_1 = item_1 >= 1
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression u0 >= 1 on node 'ge_1'");  ge_1 = _assert_scalar_default = None
    le = item_1 <= 7
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(le, "Runtime assertion failed for expression u0 <= 7 on node 'le'");  le = _assert_scalar_default_1 = None
    lt_1 = item_1 < 8
    _assert_scalar_default_2 = torch.ops.aten._assert_scalar.default(lt_1, "Runtime assertion failed for expression u0 < 8 on node 'lt_1'");  lt_1 = _assert_scalar_default_2 = None
    full = torch.ops.aten.full.default([item_1], item, device = device(type='cpu'), pin_memory = False);  item_1 = item = None
    return (full,)
    