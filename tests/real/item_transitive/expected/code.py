


def forward(self, x, y, w):
    item = torch.ops.aten.item.default(x);  x = None
    ge_1 = item >= 0
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression u0 >= 0 on node 'ge_1'");  ge_1 = _assert_scalar_default = None
    le_2 = item <= 19
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(le_2, "Runtime assertion failed for expression u0 <= 19 on node 'le_2'");  le_2 = _assert_scalar_default_1 = None
    item_1 = torch.ops.aten.item.default(y);  y = None
    ge_2 = item_1 >= 1
    _assert_scalar_default_2 = torch.ops.aten._assert_scalar.default(ge_2, "Runtime assertion failed for expression u1 >= 1 on node 'ge_2'");  ge_2 = _assert_scalar_default_2 = None
    le_3 = item_1 <= 20
    _assert_scalar_default_3 = torch.ops.aten._assert_scalar.default(le_3, "Runtime assertion failed for expression u1 <= 20 on node 'le_3'");  le_3 = _assert_scalar_default_3 = None
    lt_3 = item < item_1
    _assert_scalar_default_4 = torch.ops.aten._assert_scalar.default(lt_3, "Runtime assertion failed for expression u0 < u1 on node 'lt_3'");  lt_3 = _assert_scalar_default_4 = None
    add_2 = item + item_1
    le_4 = add_2 <= 20;  add_2 = None
    _assert_scalar_default_5 = torch.ops.aten._assert_scalar.default(le_4, "Runtime assertion failed for expression u0 + u1 <= 20 on node 'le_4'");  le_4 = _assert_scalar_default_5 = None
    item_2 = torch.ops.aten.item.default(w);  w = None
    ge_3 = item_2 >= 2
    _assert_scalar_default_6 = torch.ops.aten._assert_scalar.default(ge_3, "Runtime assertion failed for expression u2 >= 2 on node 'ge_3'");  ge_3 = _assert_scalar_default_6 = None
    lt_4 = item_1 < item_2;  item_1 = None
    _assert_scalar_default_7 = torch.ops.aten._assert_scalar.default(lt_4, "Runtime assertion failed for expression u1 < u2 on node 'lt_4'");  lt_4 = _assert_scalar_default_7 = None
    lt_5 = item < item_2
    _assert_scalar_default_8 = torch.ops.aten._assert_scalar.default(lt_5, "Runtime assertion failed for expression u0 < u2 on node 'lt_5'");  lt_5 = _assert_scalar_default_8 = None
    add_1 = item + item_2;  item = item_2 = None
    zeros = torch.ops.aten.zeros.default([add_1], device = device(type='cpu'), pin_memory = False);  add_1 = None
    return (zeros,)
    