


def forward(self, x, k):
    item = torch.ops.aten.item.default(k);  k = None
    gt = item > 2;  item = None
    scalar_tensor = torch.ops.aten.scalar_tensor.default(gt, dtype = torch.bool, device = device(type='cpu'), pin_memory = False);  gt = None
    logical_not_ = torch.ops.aten.logical_not_.default(scalar_tensor);  scalar_tensor = None
    true_graph_0 = self.true_graph_0
    false_graph_0 = self.false_graph_0
    cond = torch.ops.higher_order.cond(logical_not_, true_graph_0, false_graph_0, (x,));  logical_not_ = true_graph_0 = false_graph_0 = x = None
    getitem = cond[0];  cond = None
    return (getitem,)
    