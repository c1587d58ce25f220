


def forward(self, x, s):
    item = torch.ops.aten.item.default(s);  s = None
    trunc = math_trunc(item);  item = None
    zeros = torch.ops.aten.zeros.default([trunc], device = device(type='cpu'), pin_memory = False);  trunc = None
    sum_1 = torch.ops.aten.sum.default(x);  x = None
    add = torch.ops.aten.add.Tensor(zeros, sum_1);  zeros = sum_1 = None
    return (add,)
    