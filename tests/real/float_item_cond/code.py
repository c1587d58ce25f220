


def forward(self, x, s):
    item = torch.ops.aten.item.default(s);  s = None
    gt = item > 0.0;  item = None
    true_graph_0 = self.true_graph_0
    false_graph_0 = self.false_graph_0
    cond = torch.ops.higher_order.cond(gt, true_graph_0, false_graph_0, (x,));  gt = true_graph_0 = false_graph_0 = x = None
    getitem = cond[0];  cond = None
    return (getitem,)
    