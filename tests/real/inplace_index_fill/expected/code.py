


def forward(self, c_lifted_tensor_0, x, k):
    sym_size_int_1 = torch.ops.aten.sym_size.int(x, 0)
    item = torch.ops.aten.item.default(k);  k = None
    ge_1 = item >= 0
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression u0 >= 0 on node 'ge_1'");  ge_1 = _assert_scalar_default = None
    lt_1 = item < sym_size_int_1;  sym_size_int_1 = None
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(lt_1, "Runtime assertion failed for expression u0 < s77 on node 'lt_1'");  lt_1 = _assert_scalar_default_1 = None
    clone = torch.ops.aten.clone.default(x)
    lift_fresh_copy = torch.ops.aten.lift_fresh_copy.default(c_lifted_tensor_0);  c_lifted_tensor_0 = None
    select = torch.ops.aten.select.int(clone, 0, item);  item = None
    copy_ = torch.ops.aten.copy_.default(select, lift_fresh_copy);  select = lift_fresh_copy = copy_ = None
    mul_ = torch.ops.aten.mul_.Tensor(clone, 2);  clone = None
    add = torch.ops.aten.add.Tensor(mul_, x);  mul_ = x = None
    return (add,)
    