


def forward(self, n, x):
    sum_1 = torch.ops.aten.sum.default(n)
    gt = torch.ops.aten.gt.Scalar(sum_1, 2);  sum_1 = None
    true_graph_0 = self.true_graph_0
    false_graph_0 = self.false_graph_0
    cond = torch.ops.higher_order.cond(gt, true_graph_0, false_graph_0, (x, n));  gt = true_graph_0 = false_graph_0 = x = n = None
    getitem = cond[0];  cond = None
    return (getitem,)
    