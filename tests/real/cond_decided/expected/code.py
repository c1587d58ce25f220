


def forward(self, n, x):
    item = torch.ops.aten.item.default(n);  n = None
    ge_1 = item >= 10
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression u0 >= 10 on node 'ge_1'");  ge_1 = _assert_scalar_default = None
    gt = item > 5;  item = None
    true_graph_0 = self.true_graph_0
    false_graph_0 = self.false_graph_0
    cond = torch.ops.higher_order.cond(gt, true_graph_0, false_graph_0, (x,));  gt = true_graph_0 = false_graph_0 = x = None
    getitem = cond[0];  cond = None
    return (getitem,)
    