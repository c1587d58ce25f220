


def forward(self, s):
    unbind = torch.ops.aten.unbind.int(s);  s = None
    getitem = unbind[0]
    getitem_1 = unbind[1];  unbind = None
    item = torch.ops.aten.item.default(getitem);  getitem = None
    ge_2 = item >= 0
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_2, "Runtime assertion failed for expression u0 >= 0 on node 'ge_2'");  ge_2 = _assert_scalar_default = None
    item_1 = torch.ops.aten.item.default(getitem_1);  getitem_1 = None
    ge_3 = item_1 >= 0
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(ge_3, "Runtime assertion failed for expression u1 >= 0 on node 'ge_3'");  ge_3 = _assert_scalar_default_1 = None
    zeros = torch.ops.aten.zeros.default([item, item_1], device = device(type='cpu'), pin_memory = False)
    reshape = torch.ops.aten.reshape.default(zeros, [-1]);  reshape = None
    sum_1 = torch.ops.aten.sum.default(zeros);  zeros = None
    mul_1 = item * item_1;  item = item_1 = None
    add = torch.ops.aten.add.Tensor(sum_1, mul_1);  sum_1 = mul_1 = None
    return (add,)
    