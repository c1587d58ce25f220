


def forward(self, p_linear_weight, p_linear_bias, x):
    linear = torch.ops.aten.linear.default(x, p_linear_weight, p_linear_bias);  x = p_linear_weight = p_linear_bias = None
    add = torch.ops.aten.add.Tensor(linear, 1)
    add_1 = torch.ops.aten.add.Tensor(linear, 1)
    mul = torch.ops.aten.mul.Tensor(add, add_1);  add = add_1 = None
    add_2 = torch.ops.aten.add.Tensor(linear, 1);  linear = None
    mul_1 = torch.ops.aten.mul.Tensor(mul, add_2);  mul = add_2 = None
    return (mul_1,)
    