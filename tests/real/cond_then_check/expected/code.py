


def forward(self, n, x):
    item = torch.ops.aten.item.default(n);  n = None
    ge_1 = item >= 0
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression u0 >= 0 on node 'ge_1'");  ge_1 = _assert_scalar_default = None
    le_1 = item <= 8
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(le_1, "Runtime assertion failed for expression u0 <= 8 on node 'le_1'");  le_1 = _assert_scalar_default_1 = None
    lt = item < 9;  item = None
    true_graph_0 = self.true_graph_0
    false_graph_0 = self.false_graph_0
    cond = torch.ops.higher_order.cond(lt, true_graph_0, false_graph_0, (x,));  lt = true_graph_0 = false_graph_0 = x = None
    getitem = cond[0];  cond = None
    return (getitem,)
    