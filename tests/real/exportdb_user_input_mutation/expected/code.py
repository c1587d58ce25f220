


def forward(self, x):
    mul_ = torch.ops.aten.mul_.Tensor(x, 2);  x = None
    cos = torch.ops.aten.cos.default(mul_);  mul_ = None
    return (cos,)
    