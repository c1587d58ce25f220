


def forward(self, x, s):
    item = torch.ops.aten.item.default(s);  s = None
    gt_1 = item > 0.5
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(gt_1, "Runtime assertion failed for expression 0.5 < zuf0 on node 'gt_1'");  gt_1 = _assert_scalar_default = None
    mul = torch.ops.aten.mul.Tensor(x, item);  x = item = None
    return (mul,)
    