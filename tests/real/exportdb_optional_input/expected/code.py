


def forward(self, c_lifted_tensor_0, x):
    add = torch.ops.aten.add.Tensor(x, c_lifted_tensor_0);  x = c_lifted_tensor_0 = None
    return (add,)
    