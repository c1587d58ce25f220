


def forward(self, x):
    zeros = torch.ops.aten.zeros.default([3, 2], device = device(type='cpu'), pin_memory = False)
    zeros_1 = torch.ops.aten.zeros.default([3, 2], device = device(type='cpu'), pin_memory = False);  zeros_1 = None
    sum_1 = torch.ops.aten.sum.default(x);  x = None
    sum_2 = torch.ops.aten.sum.default(zeros);  zeros = None
    add = torch.ops.aten.add.Tensor(sum_1, sum_2);  sum_1 = sum_2 = None
    return (add,)
    