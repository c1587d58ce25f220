


def forward(self, k, x):
    sym_size_int_2 = torch.ops.aten.sym_size.int(x, 0)
    item = torch.ops.aten.item.default(k);  k = None
    ge_1 = item >= 1
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression u0 >= 1 on node 'ge_1'");  ge_1 = _assert_scalar_default = None
    le_2 = item <= 4
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(le_2, "Runtime assertion failed for expression u0 <= 4 on node 'le_2'");  le_2 = _assert_scalar_default_1 = None
    mul_1 = 2 * item
    sym_min = torch.sym_min(sym_size_int_2, mul_1)
    le_3 = sym_min <= sym_size_int_2;  sym_size_int_2 = None
    _assert_scalar_default_2 = torch.ops.aten._assert_scalar.default(le_3, "Runtime assertion failed for expression Min(s77, 2*u0) <= s77 on node 'le_3'");  le_3 = _assert_scalar_default_2 = None
    mod = sym_min % item
    eq = mod == 0;  mod = None
    _assert_scalar_default_3 = torch.ops.aten._assert_scalar.default(eq, "Runtime assertion failed for expression Eq(Mod(Min(s77, 2*u0), u0), 0) on node 'eq'");  eq = _assert_scalar_default_3 = None
    floordiv = sym_min // item
    mul_2 = item * floordiv;  floordiv = None
    eq_1 = sym_min == mul_2;  sym_min = mul_2 = None
    _assert_scalar_default_4 = torch.ops.aten._assert_scalar.default(eq_1, "Runtime assertion failed for expression Eq(Min(s77, 2*u0), u0*((Min(s77, 2*u0)//u0))) on node 'eq_1'");  eq_1 = _assert_scalar_default_4 = None
    slice_1 = torch.ops.aten.slice.Tensor(x, 0, None, mul_1);  x = mul_1 = None
    view = torch.ops.aten.view.default(slice_1, [item, -1]);  slice_1 = item = None
    sum_1 = torch.ops.aten.sum.dim_IntList(view, [1]);  view = None
    sum_2 = torch.ops.aten.sum.default(sum_1);  sum_1 = None
    return (sum_2,)
    