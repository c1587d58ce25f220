


def forward(self, c_lifted_tensor_0, x):
    add = torch.ops.aten.add.Tensor(x, 100)
    lift_fresh_copy = torch.ops.aten.lift_fresh_copy.default(c_lifted_tensor_0);  c_lifted_tensor_0 = None
    detach_ = torch.ops.aten.detach_.default(lift_fresh_copy);  lift_fresh_copy = None
    add_1 = torch.ops.aten.add.Tensor(x, add);  x = add = None
    add_2 = torch.ops.aten.add.Tensor(add_1, detach_);  add_1 = detach_ = None
    return (add_2,)
    