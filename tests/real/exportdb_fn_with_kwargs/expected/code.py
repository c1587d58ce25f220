


def forward(self, pos0, tuple0_0, tuple0_1, myargs_0, myargs_1, mykw0, input0, input1):
    mul = torch.ops.aten.mul.Tensor(pos0, tuple0_0);  pos0 = tuple0_0 = None
    mul_1 = torch.ops.aten.mul.Tensor(mul, tuple0_1);  mul = tuple0_1 = None
    mul_2 = torch.ops.aten.mul.Tensor(mul_1, myargs_0);  mul_1 = myargs_0 = None
    mul_3 = torch.ops.aten.mul.Tensor(mul_2, myargs_1);  mul_2 = myargs_1 = None
    mul_4 = torch.ops.aten.mul.Tensor(mul_3, mykw0);  mul_3 = mykw0 = None
    mul_5 = torch.ops.aten.mul.Tensor(mul_4, input0);  mul_4 = input0 = None
    mul_6 = torch.ops.aten.mul.Tensor(mul_5, input1);  mul_5 = input1 = None
    return (mul_6,)
    