


def forward(self, x):
    clone = torch.ops.aten.clone.default(x);  x = None
    add_ = torch.ops.aten.add_.Tensor(clone, 1);  clone = None
    item = torch.ops.aten.item.default(add_);  add_ = None
    ge_1 = item >= 0
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression u0 >= 0 on node 'ge_1'");  ge_1 = _assert_scalar_default = None
    le = item <= 9
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(le, "Runtime assertion failed for expression u0 <= 9 on node 'le'");  le = _assert_scalar_default_1 = None
    lt_1 = item < 10
    _assert_scalar_default_2 = torch.ops.aten._assert_scalar.default(lt_1, "Runtime assertion failed for expression u0 < 10 on node 'lt_1'");  lt_1 = _assert_scalar_default_2 = None
    ones = torch.ops.aten.ones.default([item], device = device(type='cpu'), pin_memory = False);  item = None
    return (ones,)
    