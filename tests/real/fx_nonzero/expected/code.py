


def forward(self, arg0_1):
    nonzero = torch.ops.aten.nonzero.default(arg0_1);  arg0_1 = None
    _to_copy = torch.ops.aten._to_copy.default(nonzero, dtype = torch.float32);  nonzero = None
    sum_1 = torch.ops.aten.sum.default(_to_copy);  _to_copy = None
    return sum_1
    