


def forward(self, x, y):
    _assert_tensor_metadata_default = torch.ops.aten._assert_tensor_metadata.default(y, dtype = torch.int64, device = device(type='cpu'), layout = torch.strided);  _assert_tensor_metadata_default = None
    to = torch.ops.aten.to.dtype(y, torch.int32);  y = None
    item = torch.ops.aten.item.default(to);  to = None
    slice_1 = torch.ops.aten.slice.Tensor(x, 0, None, item);  x = item = None
    sym_size_int = torch.ops.aten.sym_size.int(slice_1, 0)
    le = sym_size_int <= 3;  sym_size_int = None
    _assert_scalar_default_1 = torch.ops.aten._assert_scalar.default(le, "Runtime assertion failed for expression u1 <= 3 on node 'le'");  le = _assert_scalar_default_1 = None
    return (slice_1,)
    