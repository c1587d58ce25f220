


def forward(self, x, k):
    item = torch.ops.aten.item.default(k);  k = None
    ge_2 = item >= 0
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_2, "Runtime assertion failed for expression u0 >= 0 on node 'ge_2'");  ge_2 = _assert_scalar_default = None
    add = 1 + item
    ge_3 = add >= 0;  add = None
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(ge_3, "Runtime assertion failed for expression 0 <= u0 + 1 on node 'ge_3'");  ge_3 = _assert_scalar_default_1 = None
    expand = torch.ops.aten.expand.default(x, [item, -1]);  x = item = None
    sum_1 = torch.ops.aten.sum.dim_IntList(expand, [0]);  expand = None
    return (sum_1,)
    