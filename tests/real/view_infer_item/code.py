


def forward(self, x, k):
    item = torch.ops.aten.item.default(k);  k = None
    ge = item >= 0
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge, "Runtime assertion failed for expression u0 >= 0 on node 'ge'");  ge = _assert_scalar_default = None
    eq = item == 0
    sym_not = torch.sym_not(eq);  eq = None
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(sym_not, "Runtime assertion failed for expression Ne(u0, 0) on node 'sym_not'");  sym_not = _assert_scalar_default_1 = None
    mod = 12 % item
    eq_1 = mod == 0;  mod = None
    _assert_scalar_default_2 = torch.ops.aten._assert_scalar.default(eq_1, "Runtime assertion failed for expression Eq(Mod(12, u0), 0) on node 'eq_1'");  eq_1 = _assert_scalar_default_2 = None
    floordiv = 12 // item
    mul = item * floordiv;  floordiv = None
    eq_2 = mul == 12;  mul = None
    _assert_scalar_default_3 = torch.ops.aten._assert_scalar.default(eq_2, "Runtime assertion failed for expression Eq(u0*((12//u0)), 12) on node 'eq_2'");  eq_2 = _assert_scalar_default_3 = None
    view = torch.ops.aten.view.default(x, [-1, item]);  x = item = None
    sum_1 = torch.ops.aten.sum.dim_IntList(view, [0]);  view = None
    return (sum_1,)
    