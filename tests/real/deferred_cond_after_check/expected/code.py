


def forward(self, x):
    sym_size_int_1 = torch.ops.aten.sym_size.int(x, 0)
    ge_1 = sym_size_int_1 >= 6
    _assert_scalar_default = torch.ops.aten._assert_scalar.default(ge_1, "Runtime assertion failed for expression 6 <= s77 on node 'ge_1'");  ge_1 = _assert_scalar_default = None
    gt = sym_size_int_1 > 4;  sym_size_int_1 = None
    true_graph_0 = self.true_graph_0
    false_graph_0 = self.false_graph_0
    cond = torch.ops.higher_order.cond(gt, true_graph_0, false_graph_0, (x,));  gt = true_graph_0 = false_graph_0 = x = None
    getitem = cond[0];  cond = None
    return (getitem,)
    